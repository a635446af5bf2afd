package ru.openkassa.server.console;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ru.openkassa.server.devices.RegisterHealth;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.ReceiptStats;

/**
 * An account's numbers at a glance, the same for its own overview and for its dealer's overview
 * across clients: registers in contact or not, today's receipts by state, receipts the OFD has not
 * confirmed, and registers whose FN ends soon or whose unsent documents are old.
 */
@Component
class AccountOverview {

    static final int FN_EXPIRY_DAYS = 30;
    static final Duration UNSENT_TOO_OLD = Duration.ofDays(3);

    record Attention(Register register, String reason, String detail) {
    }

    record Summary(long online, long offline, Map<JobState, Long> today, ReceiptStats.NotDelivered notDelivered,
            String notDeliveredAge, List<Attention> attention) {
    }

    private final RegisterService registers;
    private final RegisterHealth health;
    private final ReceiptStats stats;

    AccountOverview(RegisterService registers, RegisterHealth health, ReceiptStats stats) {
        this.registers = registers;
        this.health = health;
        this.stats = stats;
    }

    Summary of(long account, OffsetDateTime now) {
        List<Register> active = registers.list(account).stream().filter(r -> !r.isRetired()).toList();
        Map<Long, RegisterHealth.State> states = health.states(account);
        long online = active.stream().filter(r -> states.containsKey(r.id()) && states.get(r.id()).online()).count();
        OffsetDateTime today = now.atZoneSameInstant(FleetPages.DEFAULT_ZONE).truncatedTo(ChronoUnit.DAYS).toOffsetDateTime();
        ReceiptStats.NotDelivered notDelivered = stats.notDelivered(account);

        List<Attention> attention = new ArrayList<>();
        for (Register r : active) {
            if (r.fnExpiresAt() != null && !r.fnExpiresAt().isAfter(now.toLocalDate().plusDays(FN_EXPIRY_DAYS))) {
                attention.add(new Attention(r, "dashboard.fnExpires",
                        r.fnExpiresAt().format(DateTimeFormatter.ofPattern("dd.MM.yyyy"))));
            }
            RegisterHealth.State s = states.get(r.id());
            if (s != null && s.oldestUnsentAt() != null && s.oldestUnsentAt().isBefore(now.minus(UNSENT_TOO_OLD))) {
                attention.add(new Attention(r, "dashboard.unsentOld",
                        Durations.human(Duration.between(s.oldestUnsentAt(), now))));
            }
        }
        return new Summary(online, active.size() - online, stats.byStateSince(account, today), notDelivered,
                notDelivered.oldestFiscalizedAt() == null ? null
                        : Durations.human(Duration.between(notDelivered.oldestFiscalizedAt(), now)),
                attention);
    }
}
