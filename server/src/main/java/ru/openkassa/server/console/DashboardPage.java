package ru.openkassa.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.openkassa.server.devices.RegisterHealth;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.receipts.QueueDepthHistory;
import ru.openkassa.server.receipts.ReceiptStats;

/**
 * "Overview": the account at a glance — registers in contact or not, today's receipts by state,
 * receipts the OFD has not confirmed, receipts close to failing by deadline, registers whose FN
 * ends soon or whose unsent documents are old, receipts per minute and the queue's depth over the
 * last 24 hours.
 */
@Controller
class DashboardPage {

    static final Duration NEAR_DEADLINE = Duration.ofMinutes(1);
    static final int FN_EXPIRY_DAYS = 30;
    static final Duration UNSENT_TOO_OLD = Duration.ofDays(3);
    static final int CHART_MINUTES = 24 * 60;

    private final RegisterService registers;
    private final RegisterHealth health;
    private final ReceiptStats stats;
    private final QueueDepthHistory queue;
    private final Clock clock;

    DashboardPage(RegisterService registers, RegisterHealth health, ReceiptStats stats, QueueDepthHistory queue,
            Clock clock) {
        this.queue = queue;
        this.registers = registers;
        this.health = health;
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/console/dashboard")
    String dashboard(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addNumbers(user.accountId(), model);
        return "console/dashboard";
    }

    @GetMapping("/console/dashboard/live")
    String live(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addNumbers(user.accountId(), model);
        return "console/dashboard :: live";
    }

    record Attention(Register register, String reason, String detail) {
    }

    private void addNumbers(long account, Model model) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Register> active = registers.list(account).stream().filter(r -> !r.isRetired()).toList();
        Map<Long, RegisterHealth.State> states = health.states(account);
        long online = active.stream().filter(r -> states.containsKey(r.id()) && states.get(r.id()).online()).count();
        OffsetDateTime today = now.atZoneSameInstant(FleetPages.DEFAULT_ZONE).truncatedTo(ChronoUnit.DAYS).toOffsetDateTime();
        var notDelivered = stats.notDelivered(account);

        List<Attention> attention = new java.util.ArrayList<>();
        for (Register r : active) {
            if (r.fnExpiresAt() != null && !r.fnExpiresAt().isAfter(now.toLocalDate().plusDays(FN_EXPIRY_DAYS))) {
                attention.add(new Attention(r, "dashboard.fnExpires",
                        r.fnExpiresAt().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"))));
            }
            RegisterHealth.State s = states.get(r.id());
            if (s != null && s.oldestUnsentAt() != null && s.oldestUnsentAt().isBefore(now.minus(UNSENT_TOO_OLD))) {
                attention.add(new Attention(r, "dashboard.unsentOld",
                        Durations.human(Duration.between(s.oldestUnsentAt(), now))));
            }
        }

        model.addAttribute("registersOnline", online);
        model.addAttribute("registersOffline", active.size() - online);
        model.addAttribute("today", stats.byStateSince(account, today));
        model.addAttribute("notDelivered", notDelivered);
        model.addAttribute("notDeliveredAge", notDelivered.oldestFiscalizedAt() == null ? null
                : Durations.human(Duration.between(notDelivered.oldestFiscalizedAt(), now)));
        model.addAttribute("nearDeadline", stats.nearDeadline(account, now, NEAR_DEADLINE, 10));
        model.addAttribute("attention", attention);
        OffsetDateTime chartStart = now.truncatedTo(ChronoUnit.MINUTES).minusMinutes(CHART_MINUTES - 1);
        model.addAttribute("chart", MinuteChart.of(stats.perMinute(account, chartStart, CHART_MINUTES)));
        QueueDepthHistory.Depths depths = queue.perMinute(account, chartStart, CHART_MINUTES);
        long[] depth = new long[CHART_MINUTES];
        for (int i = 0; i < CHART_MINUTES; i++) {
            depth[i] = depths.waiting()[i] + depths.atRegister()[i];
        }
        MinuteChart queueChart = MinuteChart.of(depth);
        model.addAttribute("queueChart", queueChart);
        model.addAttribute("queueAtRegister", MinuteChart.of(depths.atRegister(), queueChart.max()));
        model.addAttribute("now", now);
        model.addAttribute("zone", FleetPages.DEFAULT_ZONE);
    }
}
