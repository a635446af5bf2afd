package ru.openkassa.server.console;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import ru.openkassa.server.multifiscal.PurchaseService;
import ru.openkassa.server.multifiscal.PurchaseView;
import ru.openkassa.server.receipts.PageCursor;

/**
 * "Purchases": multi-fiscal purchases newest first, and a purchase's page with its allocation
 * table (entity, means, amount), its per-entity receipts and its refunds.
 */
@Controller
class PurchasePages {

    static final int PAGE_SIZE = 50;

    private final PurchaseService purchases;

    PurchasePages(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @GetMapping("/console/purchases")
    String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String after, Model model) {
        PageCursor cursor = after == null || after.isBlank() ? null
                : PageCursor.decode(after).orElseThrow(ConsoleAdvice.NotFound::new);
        List<PurchaseView> page = purchases.page(user.accountId(), cursor, PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<PurchaseView> rows = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("rows", rows);
        model.addAttribute("first", cursor == null);
        model.addAttribute("next", more ? new PageCursor(rows.getLast().createdAt(), rows.getLast().id()).encode() : null);
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
        return "console/purchases";
    }

    @GetMapping("/console/purchases/{id}")
    String purchase(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("purchase", purchases.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new));
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
        return "console/purchase";
    }
}
