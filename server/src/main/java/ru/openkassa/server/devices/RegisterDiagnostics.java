package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.server.platform.signal.ClusterSignals;
/**
 * The diagnostics of the register makers' servers ("TEST SERV. KKT", "STATUS SERV. KKT") asked from
 * the cloud: a person asks, the register gets a {@code diagnostics} task with its next poll and
 * answers it; one not answered by its deadline has no answer. Nothing is changed on the register,
 * so such a task needs no ack and no lease, and is never given twice.
 */
@Service
public class RegisterDiagnostics {

    /** A register long-polls, so one that is in contact answers within seconds. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String SIGNAL = "diagnostics";
    private static final Duration KEPT = Duration.ofDays(3);
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Kind {
        /** Check connection: the round trip to the register and whether it reaches its OFD. */
        CONNECTION,
        /** Status: shift, paper, FN, unsent documents, OFD link. */
        STATUS;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One diagnostic as a person sees it: asked, answered (with the answer) or not answered in time. */
    public record Diagnostic(UUID id, Kind kind, String requestedBy, OffsetDateTime requestedAt,
            OffsetDateTime deadlineAt, OffsetDateTime givenAt, OffsetDateTime answeredAt, Answer answer) {

        public boolean answered() {
            return answer != null;
        }

        /** Neither answered nor past its deadline. */
        public boolean waiting(OffsetDateTime now) {
            return answer == null && now.isBefore(deadlineAt);
        }

        /** Asked to answered, on the server's clock: it includes the register's own checks. */
        public Duration roundTrip() {
            return answeredAt == null ? null : Duration.between(requestedAt, answeredAt);
        }
    }

    /** What the register answered; what it did not say is null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Answer(String registerTime, String mode, Boolean paper, StateReport.Shift shift,
            StateReport.Ofd ofd, StateReport.Fn fn, OfdCheck ofdCheck) {
    }

    /** The register's own attempt to reach its OFD. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OfdCheck(Boolean reachable, Long millis, String error) {
    }

    /** A diagnostics task as the device API gives it. */
    record Task(UUID id, Kind kind, OffsetDateTime deadlineAt) {
    }

    private final JdbcClient jdbc;
    private final ClusterSignals signals;
    private final Clock clock;
    /** Registers asked something since their last look, on this node: a poll looks at the table only then. */
    private final Set<Long> asked = ConcurrentHashMap.newKeySet();

    RegisterDiagnostics(JdbcClient jdbc, ClusterSignals signals, WorkWaiters waiters, Clock clock) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.clock = clock;
        signals.subscribe(SIGNAL, payload -> {
            long registerPk = Long.parseLong(payload);
            asked.add(registerPk);
            waiters.wakeRegister(registerPk);
        });
    }

    /** Asks the register; its poll, on whichever node, is woken at once. */
    public UUID request(long accountId, long registerPk, Kind kind, String requestedBy) {
        UUID id = IDS.generate();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into register_diagnostic (id, account_id, register_pk, kind, requested_by, requested_at, deadline_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, registerPk, kind.name(), requestedBy, now, now.plus(DEADLINE))
                .update();
        signals.publish(SIGNAL, Long.toString(registerPk));
        return id;
    }

    /** The register's latest diagnostics, newest first. */
    public List<Diagnostic> latest(long accountId, long registerPk, int limit) {
        return jdbc.sql("""
                select id, kind, requested_by, requested_at, deadline_at, given_at, answered_at, answer
                  from register_diagnostic where account_id = ? and register_pk = ?
                 order by requested_at desc limit ?""")
                .params(accountId, registerPk, limit)
                .query((rs, n) -> {
                    String answer = rs.getString("answer");
                    return new Diagnostic(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
                            rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                            rs.getObject("deadline_at", OffsetDateTime.class),
                            rs.getObject("given_at", OffsetDateTime.class),
                            rs.getObject("answered_at", OffsetDateTime.class),
                            answer == null ? null : JSON.readValue(answer, Answer.class));
                })
                .list();
    }

    /** What the register was asked and not yet given, if anything; each is given once. */
    List<Task> claim(DeviceSession session) {
        if (!asked.remove(session.registerPk())) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Task> given = new ArrayList<>();
        for (Task task : jdbc.sql("""
                select id, kind, deadline_at from register_diagnostic
                 where register_pk = ? and account_id = ? and given_at is null and deadline_at > ?""")
                .params(session.registerPk(), session.accountId(), now)
                .query((rs, n) -> new Task(rs.getObject(1, UUID.class), Kind.valueOf(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class)))
                .list()) {
            if (jdbc.sql("update register_diagnostic set given_at = ? where id = ? and given_at is null")
                    .params(now, task.id()).update() == 1) {
                given.add(task);
            }
        }
        return given;
    }

    /**
     * Records the register's answer. The same answer twice is fine; an answer after the deadline is
     * not kept: the person was already told there was none.
     */
    Answered answer(DeviceSession session, UUID taskId, Answer answer) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String json = JSON.writeValueAsString(answer);
        if (json.length() > 4000) {
            return Answered.TOO_LONG;
        }
        int updated = jdbc.sql("""
                update register_diagnostic set answered_at = ?, answer = ?
                 where id = ? and register_pk = ? and account_id = ? and given_at is not null and answered_at is null
                   and deadline_at >= ?""")
                .params(now, json, taskId, session.registerPk(), session.accountId(), now)
                .update();
        if (updated == 1) {
            return Answered.RECORDED;
        }
        return jdbc.sql("select answer from register_diagnostic where id = ? and register_pk = ? and account_id = ?")
                .params(taskId, session.registerPk(), session.accountId())
                .query((rs, n) -> {
                    String stored = rs.getString(1);
                    if (stored == null) {
                        return Answered.LATE;
                    }
                    return stored.equals(json) ? Answered.REPEATED : Answered.CONFLICT;
                })
                .optional().orElse(Answered.UNKNOWN);
    }

    enum Answered {
        RECORDED, REPEATED, CONFLICT, LATE, TOO_LONG, UNKNOWN
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void prune() {
        jdbc.sql("delete from register_diagnostic where requested_at < ?").param(OffsetDateTime.now(clock).minus(KEPT))
                .update();
    }
}
