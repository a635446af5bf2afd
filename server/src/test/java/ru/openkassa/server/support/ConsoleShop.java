package ru.openkassa.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;

/**
 * An account of its own for a console test: a shop group, one register driven by the test, an
 * administrator and an operator logged in, and receipts posted through the ATOL API.
 */
public final class ConsoleShop {

    public final Tenants.Tenant tenant;
    public final String accountNumber;
    public final RoutingGroup group;
    public final Register register;
    public final ScriptedRegister device;
    public final ConsoleClient admin;
    public final ConsoleClient operator;
    private final Http http;
    private final int port;
    private final String atolToken;

    public ConsoleShop(int port, FleetService fleet, RegisterService registers, UserService users) {
        this.http = new Http(port);
        this.port = port;
        this.tenant = Tenants.create(fleet);
        this.accountNumber = fleet.findAccount(tenant.accountId()).orElseThrow().number();
        this.group = fleet.findGroupByCode(tenant.group()).orElseThrow();
        this.register = registers.create(tenant.accountId(), group.legalEntityId(), "Касса теста",
                ZoneId.of("Europe/Moscow"), List.of(group.id()));
        String suffix = UUID.randomUUID().toString().replaceAll("\\D", "");
        this.device = new ScriptedRegister(http, register.registerId(), "SER-" + suffix.substring(0, 6),
                Tenants.Tenant.INN, ("99990789" + suffix + "00000000").substring(0, 16));
        assertThat(device.hello().status()).isEqualTo(200);
        users.create(tenant.accountId(), "admin", "admin-password", UserRole.ADMIN);
        users.create(tenant.accountId(), "operator", "operator-password", UserRole.OPERATOR);
        this.admin = login("admin", "admin-password");
        this.operator = login("operator", "operator-password");
        this.atolToken = tenant.atolToken(http);
    }

    /** A new shop, its services taken from the test's application context. */
    public static ConsoleShop create(org.springframework.context.ApplicationContext context, int port) {
        return new ConsoleShop(port, context.getBean(FleetService.class), context.getBean(RegisterService.class),
                context.getBean(UserService.class));
    }

    private ConsoleClient login(String user, String password) {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(accountNumber, user, password).status()).isEqualTo(302);
        return console;
    }

    /** Posts a sale (600.00) through the ATOL API; its uuid. */
    public String sell(String externalId, String callbackUrl) {
        return http.postJson("/possystem/v5/" + tenant.group() + "/sell",
                ReceiptJson.sellFor(externalId, Tenants.Tenant.INN, "osn", callbackUrl), "Token", atolToken)
                .json().get("uuid").stringValue();
    }

    /** The register takes the next receipt and fiscalizes it as FD {@code fd}; its uuid. */
    public String fiscalizeNext(long fd) {
        JsonNode task = device.nextTask(5);
        assertThat(task).as("a task for the register").isNotNull();
        String id = task.get("id").stringValue();
        device.ack(id);
        assertThat(device.fiscalized(id, fd, 1_000_000L + fd).status()).isEqualTo(200);
        return id;
    }

    /** Posts a sale and has it fiscalized by the register; its uuid. */
    public String fiscalizedSale(String externalId, long fd) throws Exception {
        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> fiscalizeNext(fd));
        String uuid = sell(externalId, null);
        assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(uuid);
        return uuid;
    }

    public Http http() {
        return http;
    }
}
