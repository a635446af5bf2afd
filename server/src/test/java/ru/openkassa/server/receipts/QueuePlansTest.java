package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.TestDatabase;

/**
 * A step of one receipt (ack, result, requeue, delivery …) must find its row by the primary key,
 * and a claim the oldest waiting receipts of its groups by the claim index, whatever the queue
 * holds. PostgreSQL would otherwise walk a partial index of the state, which holds every receipt on
 * its way under load.
 */
@ApiTest
class QueuePlansTest {

    private static final Pattern INDEX =
            Pattern.compile("(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (fiscal_job_[a-z_]+)");

    @Autowired
    FiscalJobRepository jobs;

    @Autowired
    FleetService fleet;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theStepsOfOneReceiptFindItByThePrimaryKeyWhateverIsOnItsWay() {
        assumeTrue(TestDatabase.isPostgres(), "the plans are PostgreSQL's");
        RoutingGroup group = fleet.findGroupByCode("demo-shop-1").orElseThrow();
        // rolled back at the end: other tests' registers must not see this queue
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            checkPlans(group);
        });
    }

    private void checkPlans(RoutingGroup group) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<FiscalJobRepository.NewJob> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            batch.add(new FiscalJobRepository.NewJob(UUID.randomUUID(), group.accountId(), group.id(), group.code(),
                    group.legalEntityId(), "plans-" + UUID.randomUUID(), "sell", "v5", 100, now, now.plusMinutes(5),
                    null, null, "{}", now));
        }
        jobs.insertAllIfAbsent(batch);
        // statistics taken while the queue was quiet (everything finished), then a busy queue: some
        // receipts in every state on the way
        List<UUID> ids = batch.stream().map(FiscalJobRepository.NewJob::id).toList();
        jdbc.sql("update fiscal_job set state = 'DELIVERED', register_pk = 1 where id in (:ids)").param("ids", ids).update();
        jdbc.sql("analyze fiscal_job").update();
        jdbc.sql("update fiscal_job set state = 'DISPATCHED' where id in (:ids)").param("ids", ids.subList(0, 100)).update();
        jdbc.sql("update fiscal_job set state = 'DISPATCHED', acked_at = :now where id in (:ids)")
                .param("now", now).param("ids", ids.subList(100, 150)).update();
        jdbc.sql("update fiscal_job set state = 'FISCALIZED', fn_number = '1', fd_number = 1 where id in (:ids)")
                .param("ids", ids.subList(150, 200)).update();
        jdbc.sql("update fiscal_job set state = 'ACCEPTED', register_pk = null where id in (:ids)")
                .param("ids", ids.subList(200, 300)).update();
        UUID one = ids.get(0);
        long account = group.accountId();

        assertThat(indexes(FiscalJobRepository.FAIL_DISPATCHED, now, 1, "driver", "text", account, one, 1L))
                .containsOnly("fiscal_job_pkey");
        assertThat(indexes(FiscalJobRepository.REQUEUE, account, one, 1L)).containsOnly("fiscal_job_pkey");
        assertThat(indexes(FiscalJobRepository.RETURN_LEASE, one)).containsOnly("fiscal_job_pkey");
        // the steps with their journal entries: on PostgreSQL one statement each
        assertThat(named(jdbc.sql("explain " + jobs.leaseSql()).param("entity", group.legalEntityId())
                .param("groups", List.of(group.id())).param("max", 1).param("account", account).param("register", 1L)
                .param("registerId", "r").param("now", now).param("leaseEnd", now).param("detail", "d")))
                .containsOnly("fiscal_job_claim", "fiscal_job_pkey");
        assertThat(indexes(FiscalJobRepository.ACK_AND_JOURNAL, now, now, account, one, 1L, account, now, 1L))
                .containsOnly("fiscal_job_pkey");
        assertThat(indexes(FiscalJobRepository.FISCALIZE_AND_JOURNAL, now, 1L, 1L, 1, 1, now, 0, "1", "1", "1.2", "1", now,
                account, one, 1L, "d")).containsOnly("fiscal_job_pkey");
        assertThat(named(jdbc.sql("explain " + FiscalJobRepository.DELIVER_AND_JOURNAL).param("now", now)
                .param("register", 1L).param("fn", "1").param("fds", List.of(1L, 2L)).param("detail", "d")))
                .containsOnly("fiscal_job_fd");
    }

    private List<String> indexes(String sql, Object... params) {
        return named(jdbc.sql("explain " + sql).params(params));
    }

    private static List<String> named(JdbcClient.StatementSpec explain) {
        String plan = String.join("\n", explain.query(String.class).list());
        List<String> names = new ArrayList<>();
        Matcher matcher = INDEX.matcher(plan);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).as(plan).isNotEmpty();
        return names;
    }
}
