package ru.openkassa.server.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RegisterTransfer;
import ru.openkassa.server.fleet.RegisterTransfers;

/**
 * Moving a register to another account: the owner offers it on the register's page, the other
 * account accepts it (into one of its legal entities) or rejects it on its "Groups and registers".
 */
@Controller
class TransferPages {

    private final RegisterTransfers transfers;
    private final RegisterService registers;
    private final AuditLog audit;

    TransferPages(RegisterTransfers transfers, RegisterService registers, AuditLog audit) {
        this.transfers = transfers;
        this.registers = registers;
        this.audit = audit;
    }

    @PostMapping("/console/registers/{id}/transfer")
    String offer(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String accountNumber, RedirectAttributes redirect) {
        Register register = registers.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        RegisterTransfer.Outcome outcome = transfers.offer(user.accountId(), id, accountNumber, user.login());
        switch (outcome) {
            case OFFERED -> {
                audit.record(user.accountId(), user.homeAccountId(), user.login(), "register.transfer-offered",
                        register.label() + " → " + accountNumber.trim());
                redirect.addFlashAttribute("notice", "transfer.offered");
            }
            case NOT_FOUND -> throw new ConsoleAdvice.NotFound();
            default -> redirect.addFlashAttribute("problem", "transfer." + outcome.name());
        }
        return "redirect:/console/registers/" + id;
    }

    @PostMapping("/console/registers/{id}/transfer/{transfer}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, @PathVariable long transfer,
            RedirectAttributes redirect) {
        Register register = registers.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        if (!transfers.cancel(user.accountId(), transfer, user.login())) {
            throw new ConsoleAdvice.NotFound();
        }
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "register.transfer-cancelled", register.label());
        redirect.addFlashAttribute("notice", "transfer.cancelled");
        return "redirect:/console/registers/" + id;
    }

    @PostMapping("/console/transfers/{id}/accept")
    String accept(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(required = false) Long legalEntity, RedirectAttributes redirect) {
        RegisterTransfer transfer = transfers.findIncoming(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        if (legalEntity == null) {
            redirect.addFlashAttribute("problem", "register.legalEntity.required");
            return "redirect:/console/fleet";
        }
        switch (transfers.accept(user.accountId(), id, legalEntity, user.login())) {
            case MOVED -> {
                String what = transfer.registerName() + " (" + transfer.registerId() + ")";
                audit.record(user.accountId(), user.homeAccountId(), user.login(), "register.moved-in",
                        what + " ← " + transfer.from().name() + " (" + transfer.from().number() + ")");
                // in the old owner's log the actor is a person of the receiving account
                audit.record(transfer.from().id(), user.homeAccountId(), user.login(), "register.moved-out",
                        what + " → " + user.accountName() + " (" + user.accountNumber() + ")");
                redirect.addFlashAttribute("notice", "transfer.moved");
                return "redirect:/console/registers/" + transfer.registerPk();
            }
            case UNFINISHED_RECEIPTS -> {
                redirect.addFlashAttribute("problem", "transfer.unfinished");
                return "redirect:/console/fleet";
            }
            default -> throw new ConsoleAdvice.NotFound();
        }
    }

    @PostMapping("/console/transfers/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        RegisterTransfer transfer = transfers.findIncoming(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        transfers.reject(user.accountId(), id, user.login());
        audit.record(transfer.from().id(), user.homeAccountId(), user.login(), "register.transfer-rejected",
                transfer.registerName() + " (" + transfer.registerId() + ")");
        redirect.addFlashAttribute("notice", "transfer.rejected");
        return "redirect:/console/fleet";
    }
}
