package ru.openkassa.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.Account;
import ru.openkassa.server.fleet.DealerRequest;
import ru.openkassa.server.fleet.DealerService;

/**
 * The «Дилер» tab service centres know from the register makers' KKT servers. A dealer sees the
 * client accounts it serves and the requests to it: accept, reject, block, add a client, enter a
 * client. A client sees its dealer and its requests: ask a dealer, cancel a request, disconnect.
 */
@Controller
class DealerPage {

    private final DealerService dealers;
    private final ConsoleSessions sessions;
    private final AuditLog audit;

    DealerPage(DealerService dealers, ConsoleSessions sessions, AuditLog audit) {
        this.dealers = dealers;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/console/dealer")
    String page(@AuthenticationPrincipal ConsoleUser user, Model model) {
        long account = user.accountId();
        boolean dealer = dealers.isDealer(account);
        model.addAttribute("dealer", dealer);
        if (dealer) {
            model.addAttribute("clients", dealers.clients(account));
            model.addAttribute("incoming", dealers.incoming(account));
            model.addAttribute("blocked", dealers.blocked(account));
        }
        model.addAttribute("servedBy", dealers.dealerOf(account).orElse(null));
        model.addAttribute("requests", dealers.requestsOf(account));
        return "console/dealer";
    }

    // ---- client side

    @PostMapping("/console/dealer/requests")
    String request(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String dealerNumber,
            RedirectAttributes redirect) {
        return answer(user, dealers.request(user.accountId(), dealerNumber, user.login()), "dealer.requested",
                dealerNumber.trim(), "dealer.request.sent", redirect);
    }

    @PostMapping("/console/dealer/requests/{id}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        return answer(user, dealers.cancel(user.accountId(), id), "dealer.request-cancelled", null,
                "dealer.request.cancelled", redirect);
    }

    @PostMapping("/console/dealer/disconnect")
    String disconnect(@AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        Account dealer = dealers.dealerOf(user.accountId()).orElseThrow(ConsoleAdvice.NotFound::new);
        return answer(user, dealers.disconnect(user.accountId()), "dealer.disconnected",
                dealer.name() + " (" + dealer.number() + ")", "dealer.disconnected", redirect);
    }

    // ---- dealer side

    @PostMapping("/console/dealer/incoming/{id}/accept")
    String accept(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        return answer(user, dealers.accept(user.accountId(), id), "dealer.client-accepted", null, "dealer.accepted",
                redirect);
    }

    @PostMapping("/console/dealer/incoming/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean block, RedirectAttributes redirect) {
        return answer(user, dealers.reject(user.accountId(), id, block),
                block ? "dealer.client-blocked" : "dealer.client-rejected", null,
                block ? "dealer.blocked" : "dealer.rejected", redirect);
    }

    /** A client whose requests were blocked may ask again. */
    @PostMapping("/console/dealer/blocked/{clientId}/unblock")
    String unblock(@AuthenticationPrincipal ConsoleUser user, @PathVariable long clientId, RedirectAttributes redirect) {
        Account client = dealers.blocked(user.accountId()).stream().map(DealerRequest::client)
                .filter(c -> c.id() == clientId).findFirst().orElseThrow(ConsoleAdvice.NotFound::new);
        return answer(user, dealers.unblock(user.accountId(), clientId), "dealer.client-unblocked",
                client.name() + " (" + client.number() + ")", "dealer.unblocked", redirect);
    }

    @PostMapping("/console/dealer/clients")
    String createClient(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String name,
            RedirectAttributes redirect) {
        if (!dealers.isDealer(user.accountId())) {
            throw new ConsoleAdvice.NotFound();
        }
        String clientName = name.trim();
        if (clientName.isEmpty() || clientName.length() > 256) {
            redirect.addFlashAttribute("problem", "dealer.client.name.required");
            return "redirect:/console/dealer";
        }
        Account client = dealers.createClient(user.accountId(), clientName);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "dealer.client-created",
                client.name() + " (" + client.number() + ")");
        redirect.addFlashAttribute("notice", "dealer.client.created");
        return "redirect:/console/dealer";
    }

    @PostMapping("/console/dealer/clients/{id}/close")
    String closeClient(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        Account client = dealers.client(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        return answer(user, dealers.closeClient(user.accountId(), id), "dealer.client-deleted",
                client.name() + " (" + client.number() + ")", "dealer.client.deleted", redirect);
    }

    /** Works inside a served client's account: a banner says so, and every action is audited in the client's log. */
    @PostMapping("/console/dealer/clients/{id}/enter")
    String enter(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, HttpServletRequest request,
            HttpServletResponse response) {
        if (user.isActingForClient()) {
            throw new ConsoleAdvice.NotFound();
        }
        Account client = dealers.client(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        sessions.remember(user.entering(client), request, response);
        audit.record(client.id(), user.homeAccountId(), user.login(), "dealer.entered",
                user.homeAccountName() + " (" + user.homeAccountNumber() + ")");
        return "redirect:/console/fleet";
    }

    @PostMapping("/console/dealer/exit")
    String exit(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request, HttpServletResponse response) {
        sessions.remember(user.home(), request, response);
        return "redirect:/console/dealer";
    }

    private String answer(ConsoleUser user, DealerRequest.Outcome outcome, String action, String target, String notice,
            RedirectAttributes redirect) {
        switch (outcome) {
            case DONE -> {
                audit.record(user.accountId(), user.homeAccountId(), user.login(), action, target);
                redirect.addFlashAttribute("notice", notice);
            }
            case NOT_FOUND -> throw new ConsoleAdvice.NotFound();
            default -> redirect.addFlashAttribute("problem", "dealer." + outcome.name());
        }
        return "redirect:/console/dealer";
    }
}
