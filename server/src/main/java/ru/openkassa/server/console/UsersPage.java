package ru.openkassa.server.console;

import java.util.Arrays;
import java.util.List;
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
import ru.openkassa.server.fleet.UserChange;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;

/**
 * Administration → Users: the account's console users; administrators add them, change their role,
 * set a new password for one who forgot it, and block or unblock them. The account always keeps an
 * administrator who can log in.
 */
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
        return page(user, model, errors, Map.of());
    }

    /** @param passwordErrors a refused new password's message key, by the user it was meant for */
    private String page(ConsoleUser user, Model model, Map<String, String> errors, Map<Long, String> passwordErrors) {
        List<AppUser> all = users.list(user.accountId());
        model.addAttribute("users", all);
        model.addAttribute("dealerUsers", all.stream()
                .filter(u -> dealers.isUserDealer(user.accountId(), u.id())).map(AppUser::id).toList());
        model.addAttribute("roles", roles(user.accountId()));
        model.addAttribute("errors", errors);
        model.addAttribute("passwordErrors", passwordErrors);
        return "console/users";
    }

    /** Dealer staff is a role of a company that works as a dealer only. */
    private List<UserRole> roles(long accountId) {
        return Arrays.stream(UserRole.values()).filter(r -> users.checkRole(accountId, r).isEmpty()).toList();
    }

    @PostMapping("/console/users")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "OPERATOR") String role,
            Model model, RedirectAttributes redirect) {
        UserForm form = new UserForm(login.trim(), role);
        UserRole chosen = roles(user.accountId()).stream().filter(r -> r.name().equals(role)).findFirst()
                .orElse(UserRole.OPERATOR);
        Map<String, String> errors = FormErrors.of(users.checkNewUser(user.accountId(), form.login(), password), "user");
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

    @PostMapping("/console/users/{id}/role")
    String role(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, @RequestParam(defaultValue = "") String role,
            RedirectAttributes redirect) {
        AppUser target = users.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        UserRole chosen = Arrays.stream(UserRole.values()).filter(r -> r.name().equals(role)).findFirst()
                .orElseThrow(ConsoleAdvice.NotFound::new);
        if (chosen == target.role()) {
            return "redirect:/console/users";
        }
        return answer(user, users.changeRole(user.accountId(), id, chosen), "role", "user.role-changed",
                target.login() + ": " + target.role() + " → " + chosen, redirect);
    }

    /** A new password for a user who forgot theirs: the administrator tells it to them. */
    @PostMapping("/console/users/{id}/password")
    String resetPassword(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect) {
        AppUser target = users.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        Map<String, String> errors = FormErrors.of(users.checkPassword(password), "user");
        if (!errors.isEmpty()) {
            model.addAttribute("form", new UserForm("", UserRole.OPERATOR.name()));
            return page(user, model, Map.of(), Map.of(id, errors.get("password")));
        }
        users.resetPassword(user.accountId(), id, password);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "user.password-reset", target.login());
        redirect.addFlashAttribute("notice", "users.password.reset");
        return "redirect:/console/users";
    }

    private String setBlocked(ConsoleUser user, long id, boolean blocked, RedirectAttributes redirect) {
        AppUser target = users.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        if (target.id() == user.userId()) {
            redirect.addFlashAttribute("problem", "user.block.self");
            return "redirect:/console/users";
        }
        return answer(user, users.setBlocked(user.accountId(), id, blocked), "blocked",
                blocked ? "user.blocked" : "user.unblocked", target.login(), redirect);
    }

    private String answer(ConsoleUser user, UserChange change, String field, String action, String target,
            RedirectAttributes redirect) {
        switch (change) {
            case DONE -> {
                audit.record(user.accountId(), user.homeAccountId(), user.login(), action, target);
                redirect.addFlashAttribute("notice", "notice.saved");
            }
            case NOT_FOUND -> throw new ConsoleAdvice.NotFound();
            default -> redirect.addFlashAttribute("problem", change.problem(field).messageKey("user"));
        }
        return "redirect:/console/users";
    }
}
