package ru.openkassa.server.console;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.AppUser;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;

/** Administration → Users: the account's console users; administrators add them and block or unblock them. */
@Controller
class UsersPage {


    private final UserService users;
    private final DealerService dealers;
    private final AuditLog audit;

    UsersPage(UserService users, DealerService dealers, AuditLog audit) {
        this.users = users;
        this.dealers = dealers;
        this.audit = audit;
    }

    record UserForm(String login, String role) {
    }

    @GetMapping("/console/users")
    String users(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("form", new UserForm("", UserRole.OPERATOR.name()));
        return page(user, model, Map.of());
    }

    private String page(ConsoleUser user, Model model, Map<String, String> errors) {
        model.addAttribute("users", users.list(user.accountId()));
        model.addAttribute("dealerUsers", users.list(user.accountId()).stream()
                .filter(u -> dealers.isUserDealer(user.accountId(), u.id())).map(AppUser::id).toList());
        model.addAttribute("roles", new UserRole[] {UserRole.ADMIN, UserRole.OPERATOR});
        model.addAttribute("errors", errors);
        return "console/users";
    }

    @PostMapping("/console/users")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "OPERATOR") String role,
            Model model, RedirectAttributes redirect) {
        UserForm form = new UserForm(login.trim(), role);
        Map<String, String> errors = FormErrors.of(users.checkNewUser(user.accountId(), form.login(), password), "user");
        UserRole chosen = "ADMIN".equals(role) ? UserRole.ADMIN : UserRole.OPERATOR;
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            return page(user, model, errors);
        }
        users.create(user.accountId(), form.login(), password, chosen);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "user.created", form.login() + " (" + chosen + ")");
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/users";
    }

    @PostMapping("/console/users/{id}/block")
    String block(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        return setBlocked(user, id, true, redirect);
    }

    @PostMapping("/console/users/{id}/unblock")
    String unblock(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        return setBlocked(user, id, false, redirect);
    }

    /** The dealer flag: the company works as a dealer after the flagged user logs in again. */
    @PostMapping("/console/users/{id}/dealer")
    String dealer(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean dealer, RedirectAttributes redirect) {
        AppUser target = users.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        switch (dealers.flagUser(user.accountId(), id, dealer)) {
            case DONE -> {
                audit.record(user.accountId(), user.homeAccountId(), user.login(),
                        dealer ? "user.dealer-flagged" : "user.dealer-unflagged", target.login());
                redirect.addFlashAttribute("notice", dealer ? "users.dealer.flagged" : "notice.saved");
            }
            case SERVED_ACCOUNT_CANNOT_BE_DEALER -> redirect.addFlashAttribute("problem", "dealer.SERVED_ACCOUNT_CANNOT_BE_DEALER");
            default -> throw new ConsoleAdvice.NotFound();
        }
        return "redirect:/console/users";
    }

    private String setBlocked(ConsoleUser user, long id, boolean blocked, RedirectAttributes redirect) {
        AppUser target = users.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        if (target.id() == user.userId()) {
            redirect.addFlashAttribute("problem", "user.block.self");
            return "redirect:/console/users";
        }
        users.setBlocked(user.accountId(), id, blocked);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), blocked ? "user.blocked" : "user.unblocked",
                target.login());
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/users";
    }
}
