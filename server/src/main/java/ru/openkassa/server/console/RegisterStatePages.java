package ru.openkassa.server.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.openkassa.server.devices.RegisterDiagnostics;
import ru.openkassa.server.devices.RegisterHealth;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.receipts.ReceiptService;

/**
 * "Registers' state": every register of the account with what its last heartbeat said, and the
 * live part of a register's page (its state, diagnostics and task journal), fetched again every few
 * seconds; "check connection" and "status" ask the register through its tasks.
 */
@Controller
class RegisterStatePages {

    static final int JOURNAL_SIZE = 50;
    static final int DIAGNOSTICS_SHOWN = 5;

    private final RegisterService registers;
    private final RegisterHealth health;
    private final ReceiptService receipts;
    private final RegisterDiagnostics diagnostics;
    private final Clock clock;

    RegisterStatePages(RegisterService registers, RegisterHealth health, ReceiptService receipts,
            RegisterDiagnostics diagnostics, Clock clock) {
        this.registers = registers;
        this.diagnostics = diagnostics;
        this.health = health;
        this.receipts = receipts;
        this.clock = clock;
    }

    @GetMapping("/console/registers")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        long account = user.accountId();
        model.addAttribute("registers", registers.list(account).stream().filter(r -> !r.isRetired())
                .sorted(Comparator.comparing(Register::name)).toList());
        model.addAttribute("states", health.states(account));
        model.addAttribute("now", OffsetDateTime.now(clock));
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
        return "console/registers";
    }

    @GetMapping("/console/registers/{id}/live")
    String live(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, Model model) {
        Register register = registers.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        addLive(user.accountId(), register, model);
        return "console/register-live :: live";
    }

    @PostMapping("/console/registers/{id}/diagnostics")
    String diagnose(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, @RequestParam String check) {
        Register register = registers.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
        RegisterDiagnostics.Kind kind = switch (check) {
            case "connection" -> RegisterDiagnostics.Kind.CONNECTION;
            case "status" -> RegisterDiagnostics.Kind.STATUS;
            default -> throw new ConsoleAdvice.NotFound();
        };
        if (register.isRetired()) {
            throw new ConsoleAdvice.NotFound();
        }
        diagnostics.request(user.accountId(), register.id(), kind, user.login());
        return "redirect:/console/registers/" + id + "#diagnostics";
    }

    /** The register's state and journal, for its page and for the page's live part. */
    void addLive(long account, Register register, Model model) {
        model.addAttribute("register", register);
        model.addAttribute("state", health.state(account, register.id()).orElse(null));
        model.addAttribute("journal", receipts.registerJournal(account, register.id(), JOURNAL_SIZE));
        model.addAttribute("diagnostics", diagnostics.latest(account, register.id(), DIAGNOSTICS_SHOWN));
        model.addAttribute("now", OffsetDateTime.now(clock));
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
    }
}
