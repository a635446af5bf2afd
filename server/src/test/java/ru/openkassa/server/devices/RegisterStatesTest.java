package ru.openkassa.server.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Await;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.Tenants;

@ApiTest
class RegisterStatesTest {

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @Autowired
    RegisterStates states;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pollContactsSurviveARowCreatedAtTheSameMomentByTheRegistersHeartbeat() throws Exception {
        Http http = new Http(port);
        Tenants.Tenant tenant = Tenants.create(fleet);
        String bearer = tenant.bearer(http);
        long first = register(http, tenant, bearer);
        long second = register(http, tenant, bearer);
        OffsetDateTime at = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS);
        TreeMap<Long, PollTouches.Touch> touches = new TreeMap<>();
        touches.put(first, new PollTouches.Touch(tenant.accountId(), at));
        touches.put(second, new PollTouches.Touch(tenant.accountId(), at));

        try (Connection heartbeat = dataSource.getConnection()) {
            // the heartbeat's transaction has created the first register's row and not committed yet
            heartbeat.setAutoCommit(false);
            try (PreparedStatement insert = heartbeat.prepareStatement(
                    "insert into register_state (register_pk, account_id, last_seen_at) values (?, ?, ?)")) {
                insert.setLong(1, first);
                insert.setLong(2, tenant.accountId());
                insert.setObject(3, at);
                insert.executeUpdate();
            }
            CompletableFuture<Void> touching = CompletableFuture.runAsync(() -> states.touchPolls(touches));
            Await.until("the contacts' insert waits for the heartbeat's row", Duration.ofSeconds(10), () -> jdbc.sql(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into register_state%'")
                    .query(Long.class).single() == 1);
            heartbeat.commit();
            touching.get(10, TimeUnit.SECONDS);
        }
        assertThat(jdbc.sql("select count(*) from register_state where register_pk in (?, ?) and last_poll_at = ?")
                .params(first, second, at).query(Long.class).single()).isEqualTo(2);
    }

    private static long register(Http http, Tenants.Tenant tenant, String bearer) {
        Http.Response response = http.postJson("/api/v1/registers",
                "{\"name\": \"Касса\", \"legal_entity_inn\": \"" + Tenants.Tenant.INN + "\", \"groups\": [\""
                        + tenant.group() + "\"]}", "Authorization", bearer);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").longValue();
    }
}
