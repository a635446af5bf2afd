package ru.openkassa.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.openkassa.server.fleet.Account;
import ru.openkassa.server.fleet.DealerService;
import ru.openkassa.server.receipts.JobState;

/**
 * A service centre's overview across the clients it serves: each client's numbers as its own
 * overview has them, a row per client with a way to enter it, and the sums. Read account by
 * account: no query crosses accounts.
 */
@Controller
class DealerOverviewPage {

    /** A client's row. */
    record ClientRow(Account client, AccountOverview.Summary summary) {
    }

    /** The sums over all clients; the oldest not-delivered receipt of any of them. */
    record Totals(long online, long offline, Map<JobState, Long> today, long notDelivered, String notDeliveredAge,
            long attention) {
    }

    private final DealerService dealers;
    private final AccountOverview overview;
    private final Clock clock;

    DealerOverviewPage(DealerService dealers, AccountOverview overview, Clock clock) {
        this.dealers = dealers;
        this.overview = overview;
        this.clock = clock;
    }

    @GetMapping("/console/dealer/overview")
    String page(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addRows(user, model);
        return "console/dealer-overview";
    }

    @GetMapping("/console/dealer/overview/live")
    String live(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addRows(user, model);
        return "console/dealer-overview :: live";
    }

    private void addRows(ConsoleUser user, Model model) {
        // inside a client the person works as that client, which serves nobody
        if (user.isActingForClient() || !dealers.isDealer(user.accountId())) {
            throw new ConsoleAdvice.NotFound();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ClientRow> rows = new ArrayList<>();
        long online = 0;
        long offline = 0;
        long notDelivered = 0;
        long attention = 0;
        OffsetDateTime oldest = null;
        Map<JobState, Long> today = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            today.put(state, 0L);
        }
        for (Account client : dealers.clients(user.accountId())) {
            AccountOverview.Summary summary = overview.of(client.id(), now);
            rows.add(new ClientRow(client, summary));
            online += summary.online();
            offline += summary.offline();
            notDelivered += summary.notDelivered().count();
            attention += summary.attention().size();
            summary.today().forEach((state, count) -> today.merge(state, count, Long::sum));
            OffsetDateTime clientOldest = summary.notDelivered().oldestFiscalizedAt();
            if (clientOldest != null && (oldest == null || clientOldest.isBefore(oldest))) {
                oldest = clientOldest;
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("states", JobState.values());
        model.addAttribute("totals", new Totals(online, offline, today, notDelivered,
                oldest == null ? null : Durations.human(Duration.between(oldest, now)), attention));
    }
}
