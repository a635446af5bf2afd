package ru.openkassa.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.openkassa.server.fleet.DealerService;
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
    static final int CHART_MINUTES = 24 * 60;

    private final AccountOverview overview;
    private final ReceiptStats stats;
    private final QueueDepthHistory queue;
    private final DealerService dealers;
    private final Clock clock;

    DashboardPage(AccountOverview overview, ReceiptStats stats, QueueDepthHistory queue, DealerService dealers,
            Clock clock) {
        this.dealers = dealers;
        this.overview = overview;
        this.stats = stats;
        this.queue = queue;
        this.clock = clock;
    }

    @GetMapping("/console/dashboard")
    String dashboard(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addNumbers(user.accountId(), model);
        model.addAttribute("dealerOverview", !user.isActingForClient() && dealers.isDealer(user.accountId()));
        return "console/dashboard";
    }

    @GetMapping("/console/dashboard/live")
    String live(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addNumbers(user.accountId(), model);
        return "console/dashboard :: live";
    }

    private void addNumbers(long account, Model model) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        AccountOverview.Summary summary = overview.of(account, now);
        model.addAttribute("registersOnline", summary.online());
        model.addAttribute("registersOffline", summary.offline());
        model.addAttribute("today", summary.today());
        model.addAttribute("notDelivered", summary.notDelivered());
        model.addAttribute("notDeliveredAge", summary.notDeliveredAge());
        model.addAttribute("nearDeadline", stats.nearDeadline(account, now, NEAR_DEADLINE, 10));
        model.addAttribute("attention", summary.attention());
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
