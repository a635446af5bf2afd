package ru.openkassa.server.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.core.qr.ReceiptQr;
import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.LegalEntity;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.multifiscal.PurchaseService;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobFilter;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.PageCursor;
import ru.openkassa.server.receipts.QrImage;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.RefundOutcome;

/**
 * "Receipts": the account's receipts newest first with filters and keyset paging, their CSV for the
 * accountant, and a receipt's page (timeline, fiscal data, QR, callbacks) with the administrator's
 * actions: send the callback again, cancel a sale by a refund receipt.
 */
@Controller
class ReceiptPages {

    static final int PAGE_SIZE = 50;
    static final int CSV_MAX_ROWS = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final ReceiptService receipts;
    private final FleetService fleet;
    private final RegisterService registers;
    private final AuditLog audit;
    private final PurchaseService purchases;

    ReceiptPages(ReceiptService receipts, FleetService fleet, RegisterService registers, AuditLog audit,
            PurchaseService purchases) {
        this.purchases = purchases;
        this.receipts = receipts;
        this.fleet = fleet;
        this.registers = registers;
        this.audit = audit;
    }

    /** The list's filters as typed, kept in the form and in the paging and CSV links. */
    record Filters(String state, Long group, Long entity, Long register, String from, String to, String externalId,
            String amount) {

        Map<String, Object> query() {
            Map<String, Object> q = new LinkedHashMap<>();
            put(q, "state", state);
            put(q, "group", group);
            put(q, "entity", entity);
            put(q, "register", register);
            put(q, "from", from);
            put(q, "to", to);
            put(q, "externalId", externalId);
            put(q, "amount", amount);
            return q;
        }

        private static void put(Map<String, Object> q, String name, Object value) {
            if (value != null && !value.toString().isBlank()) {
                q.put(name, value);
            }
        }
    }

    @GetMapping("/console/receipts")
    String list(@AuthenticationPrincipal ConsoleUser user, Filters filters, @RequestParam(required = false) String after,
            Model model) {
        long account = user.accountId();
        Map<String, String> errors = new LinkedHashMap<>();
        JobFilter filter = filter(account, filters, errors);
        PageCursor cursor = after == null || after.isBlank() ? null
                : PageCursor.decode(after).orElseThrow(ConsoleAdvice.NotFound::new);
        List<FiscalJob> page = errors.isEmpty() ? receipts.page(account, filter, cursor, PAGE_SIZE + 1) : List.of();
        boolean more = page.size() > PAGE_SIZE;
        List<FiscalJob> rows = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("rows", rows);
        model.addAttribute("states", JobState.values());
        model.addAttribute("csvLink", link("/console/receipts.csv", filters, null));
        model.addAttribute("firstLink", link("/console/receipts", filters, null));
        model.addAttribute("nextLink", more ? link("/console/receipts", filters,
                new PageCursor(rows.getLast().acceptedAt(), rows.getLast().id()).encode()) : null);
        model.addAttribute("first", cursor == null);
        addNames(account, model);
        return "console/receipts";
    }

    private static String link(String path, Filters filters, String after) {
        var uri = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
        filters.query().forEach(uri::queryParam);
        if (after != null) {
            uri.queryParam("after", after);
        }
        return uri.encode().build().toUriString();
    }

    /**
     * The filtered list as CSV for Excel and accounting programs: UTF-8 with a byte order mark (Excel
     * then reads Cyrillic right), ";" between fields and a decimal comma, as Russian Excel expects.
     */
    @GetMapping("/console/receipts.csv")
    void csv(@AuthenticationPrincipal ConsoleUser user, Filters filters, HttpServletResponse response) throws IOException {
        long account = user.accountId();
        Map<String, String> errors = new LinkedHashMap<>();
        JobFilter filter = filter(account, filters, errors);
        if (!errors.isEmpty()) {
            response.sendError(400);
            return;
        }
        Map<Long, String> groups = fleet.groups(account).stream().collect(Collectors.toMap(RoutingGroup::id, RoutingGroup::code));
        Map<Long, String> inns = fleet.legalEntities(account).stream().collect(Collectors.toMap(LegalEntity::id, LegalEntity::inn));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"receipts.csv\"");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.print('\uFEFF');
        out.print("accepted_at;external_id;operation;state;amount;group;inn;register_id;fn;fd;fp;fiscal_datetime;"
                + "delivered_at;error\r\n");
        PageCursor cursor = null;
        int written = 0;
        while (written < CSV_MAX_ROWS) {
            List<FiscalJob> page = receipts.page(account, filter, cursor, 1000);
            for (FiscalJob job : page) {
                out.print(csvLine(job, groups, inns));
            }
            written += page.size();
            if (page.size() < 1000) {
                break;
            }
            cursor = new PageCursor(page.getLast().acceptedAt(), page.getLast().id());
        }
        out.flush();
    }

    private static String csvLine(FiscalJob job, Map<Long, String> groups, Map<Long, String> inns) {
        var fiscal = job.fiscal();
        return String.join(";",
                time(job.acceptedAt()), csvField(job.externalId()), job.operation(), job.state().name(),
                BigDecimal.valueOf(job.totalKopecks(), 2).toPlainString().replace('.', ','),
                csvField(groups.getOrDefault(job.groupId(), "")), inns.getOrDefault(job.legalEntityId(), ""),
                job.registerId() == null ? "" : job.registerId(),
                fiscal == null ? "" : fiscal.fnNumber(), fiscal == null ? "" : Long.toString(fiscal.fdNumber()),
                fiscal == null ? "" : Long.toString(fiscal.fiscalSign()),
                fiscal == null ? "" : fiscal.dateTime().format(TIME), time(job.deliveredAt()),
                job.error() == null ? "" : csvField(job.error().text())) + "\r\n";
    }

    private static String time(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(FleetPages.DEFAULT_ZONE).format(TIME);
    }

    /** Quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** The typed filters as a query; problems by field. Another account's group, entity or register is not found. */
    private JobFilter filter(long account, Filters f, Map<String, String> errors) {
        JobState state = null;
        if (f.state() != null && !f.state().isBlank()) {
            try {
                state = JobState.valueOf(f.state());
            } catch (IllegalArgumentException e) {
                errors.put("state", "receipts.filter.state.invalid");
            }
        }
        if (f.group() != null && fleet.findGroup(account, f.group()).isEmpty()) {
            throw new ConsoleAdvice.NotFound();
        }
        if (f.entity() != null && fleet.legalEntities(account).stream().noneMatch(e -> e.id() == f.entity())) {
            throw new ConsoleAdvice.NotFound();
        }
        if (f.register() != null && registers.find(account, f.register()).isEmpty()) {
            throw new ConsoleAdvice.NotFound();
        }
        Long kopecks = null;
        if (f.amount() != null && !f.amount().isBlank()) {
            try {
                BigDecimal rubles = new BigDecimal(f.amount().trim().replace(',', '.'));
                kopecks = rubles.movePointRight(2).longValueExact();
                if (kopecks < 0) {
                    errors.put("amount", "receipts.filter.amount.invalid");
                }
            } catch (ArithmeticException | NumberFormatException e) {
                errors.put("amount", "receipts.filter.amount.invalid");
            }
        }
        OffsetDateTime from = day(f.from(), "from", errors);
        OffsetDateTime to = day(f.to(), "to", errors);
        String externalId = f.externalId() == null || f.externalId().isBlank() ? null : f.externalId().trim();
        return new JobFilter(f.group(), externalId, state, f.entity(), f.register(), kopecks, from,
                to == null ? null : to.plusDays(1));
    }

    /** A day of the form's date field, from its midnight in Moscow time. */
    private static OffsetDateTime day(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(FleetPages.DEFAULT_ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            errors.put(field, "receipts.filter.date.invalid");
            return null;
        }
    }

    // ---- one receipt

    @GetMapping("/console/receipts/{id}")
    String receipt(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id, Model model) {
        return receiptPage(user, id, model, "console/receipt");
    }

    /** The changing part of a receipt's page, fetched again every few seconds until the receipt is final. */
    @GetMapping("/console/receipts/{id}/live")
    String live(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id, Model model) {
        return receiptPage(user, id, model, "console/receipt :: live");
    }

    private String receiptPage(ConsoleUser user, UUID id, Model model, String view) {
        long account = user.accountId();
        FiscalJob job = job(user, id);
        model.addAttribute("job", job);
        model.addAttribute("steps", receipts.timeline(account, id));
        model.addAttribute("callbacks", receipts.callbackAttempts(account, id));
        model.addAttribute("qr", receipts.qr(job).map(ReceiptQr::toQrString).orElse(null));
        model.addAttribute("refund", receipts.refundOf(job).orElse(null));
        model.addAttribute("purchaseId", purchases.purchaseOf(account, id).orElse(null));
        model.addAttribute("final", job.state() == JobState.DELIVERED || job.state() == JobState.FAILED);
        model.addAttribute("register", job.registerPk() == null ? null
                : registers.find(account, job.registerPk()).orElse(null));
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
        addNames(account, model);
        return view;
    }

    @GetMapping(path = "/console/receipts/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id) {
        FiscalJob job = job(user, id);
        String qr = receipts.qr(job).map(ReceiptQr::toQrString).orElseThrow(ConsoleAdvice.NotFound::new);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrImage.png(qr, 320));
    }

    @PostMapping("/console/receipts/{id}/resend-callback")
    String resend(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        FiscalJob job = job(user, id);
        if (receipts.resendCallback(user.accountId(), id)) {
            audit.record(user.accountId(), user.homeAccountId(), user.login(), "receipt.callback-resent", job.externalId());
            redirect.addFlashAttribute("notice", "receipt.callback.resent");
        } else {
            redirect.addFlashAttribute("problem", "receipt.callback.none");
        }
        return "redirect:/console/receipts/" + id;
    }

    @PostMapping("/console/receipts/{id}/refund")
    String refund(@AuthenticationPrincipal ConsoleUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        FiscalJob sale = job(user, id);
        if (purchases.purchaseOf(user.accountId(), id).isPresent()) {
            // its refund belongs to the purchase, which keeps what each entity has returned already
            redirect.addFlashAttribute("problem", "receipt.refund.ofPurchase");
            return "redirect:/console/receipts/" + id;
        }
        RoutingGroup group = fleet.findGroup(user.accountId(), sale.groupId()).orElseThrow(ConsoleAdvice.NotFound::new);
        switch (receipts.refund(group, sale)) {
            case RefundOutcome.Made made -> {
                if (!made.repeated()) {
                    audit.record(user.accountId(), user.homeAccountId(), user.login(), "receipt.refunded",
                            sale.externalId() + " → " + made.refund().externalId());
                }
                redirect.addFlashAttribute("notice", made.repeated() ? "receipt.refund.exists" : "receipt.refund.made");
                return "redirect:/console/receipts/" + made.refund().id();
            }
            case RefundOutcome.Refused refused -> {
                redirect.addFlashAttribute("problem", refused.reason());
                return "redirect:/console/receipts/" + id;
            }
        }
    }

    private FiscalJob job(ConsoleUser user, UUID id) {
        return receipts.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
    }

    private void addNames(long account, Model model) {
        model.addAttribute("entities", fleet.legalEntities(account));
        model.addAttribute("groups", fleet.groups(account));
        List<Register> all = registers.list(account);
        model.addAttribute("registers", all);
        model.addAttribute("entityNames", fleet.legalEntities(account).stream()
                .collect(Collectors.toMap(LegalEntity::id, LegalEntity::name)));
        model.addAttribute("groupNames", fleet.groups(account).stream()
                .collect(Collectors.toMap(RoutingGroup::id, RoutingGroup::name)));
        model.addAttribute("registerNames", all.stream().collect(Collectors.toMap(Register::id, Register::name)));
    }
}
