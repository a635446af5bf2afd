package ru.openkassa.server.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.openkassa.server.audit.AuditLog;

/** The account's audit log, for its administrators. */
@Controller
class AuditPage {

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String audit(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("events", audit.recent(user.accountId(), 500));
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
        return "console/audit";
    }
}
