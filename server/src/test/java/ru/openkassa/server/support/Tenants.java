package ru.openkassa.server.support;

import java.util.List;
import java.util.UUID;

import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.FleetService;

/** Creates accounts besides the demo one, to prove that one tenant never sees another's data. */
public final class Tenants {

    private Tenants() {
    }

    public record Tenant(long accountId, String group, String login, String password) {

        public static final String INN = "7707083893";

        /** {@code Bearer <token>} of the native APIs for this tenant's login. */
        public String bearer(Http http) {
            return "Bearer " + http.postJson("/api/v1/auth/token",
                    "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}").json().get("token").stringValue();
        }

        /** An ATOL token (getToken) for this tenant's login. */
        public String atolToken(Http http) {
            return http.postJson("/possystem/v5/getToken",
                    "{\"login\":\"" + login + "\",\"pass\":\"" + password + "\"}").json().get("token").stringValue();
        }
    }

    /** A second account with its own legal entity (INN 7707083893, ОСН), group and API login. */
    public static Tenant create(FleetService fleet) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long account = fleet.createAccount("t-" + suffix, "Другая компания " + suffix);
        long entity = fleet.addLegalEntity(account, "ПАО «Сбербанк»", "7707083893", 1, "info@other.example");
        String group = "other-" + suffix;
        long groupId = fleet.addGroup(account, group, "Other shop", entity, "https://other.example", DeadlinePolicy.MINUTES_5);
        String login = "other-" + suffix;
        fleet.addApiCredential(account, login, "other-pass", List.of(groupId));
        return new Tenant(account, group, login, "other-pass");
    }
}
