package ru.openkassa.server.demo;

import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;

/**
 * The fixed demo account, so that the README's examples work on a fresh start. Created once;
 * a restart finds it and only prints the credentials again.
 */
@Component
@ConditionalOnProperty(name = "openkassa.demo.seed", havingValue = "true")
public class DemoData {

    public static final String ACCOUNT_NUMBER = "100001";
    public static final String LOGIN = "demo";
    public static final String PASSWORD = "demo-pass";
    /** Console users of the demo account: an administrator and an operator who may only look. */
    public static final String CONSOLE_ADMIN = "admin";
    public static final String CONSOLE_ADMIN_PASSWORD = "admin-pass";
    public static final String CONSOLE_OPERATOR = "operator";
    public static final String CONSOLE_OPERATOR_PASSWORD = "operator-pass";
    public static final String ACCOUNT_NAME = "Демо";
    public static final String GROUP_ROMASHKA = "demo-shop-1";
    public static final String GROUP_VASILEK = "demo-shop-2";
    public static final String INN_ROMASHKA = "5544332219";
    public static final String INN_VASILEK = "7728168971";
    public static final String PAYMENT_ADDRESS = "https://shop.example.ru";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** tag 1055 bits */
    private static final int OSN = 1;
    private static final int USN_INCOME = 2;

    /** The demo's registers: two for Ромашка's shop, one for Василёк's. */
    public static final List<String> REGISTER_NAMES = List.of("Демо-касса 1 (Ромашка)", "Демо-касса 2 (Ромашка)",
            "Демо-касса 3 (Василёк)");

    private final FleetService fleet;
    private final RegisterService registers;
    private final UserService users;
    private final TransactionTemplate transaction;

    DemoData(FleetService fleet, RegisterService registers, UserService users, TransactionTemplate transaction) {
        this.fleet = fleet;
        this.registers = registers;
        this.users = users;
        this.transaction = transaction;
    }

    /** The demo account's registers made by {@link #seed()}, with their issued IDs. */
    public List<Register> demoRegisters() {
        return fleet.findAccountByNumber(ACCOUNT_NUMBER)
                .map(account -> registers.list(account).stream()
                        .filter(r -> !r.isRetired() && REGISTER_NAMES.contains(r.name())).toList())
                .orElse(List.of());
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void seed() {
        boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
            if (fleet.findAccountByNumber(ACCOUNT_NUMBER).isPresent()) {
                return false;
            }
            long account = fleet.createAccount(ACCOUNT_NUMBER, ACCOUNT_NAME);
            long romashka = fleet.addLegalEntity(account, "ООО «Ромашка»", INN_ROMASHKA, USN_INCOME, "chek@shop.example.ru",
                    "г. Москва, ул. Тверская, д. 1");
            long vasilek = fleet.addLegalEntity(account, "ООО «Василёк»", INN_VASILEK, OSN, "chek@shop.example.ru",
                    "г. Москва, ул. Арбат, д. 2");
            long shop1 = fleet.addGroup(account, GROUP_ROMASHKA, "Интернет-магазин (Ромашка)", romashka, PAYMENT_ADDRESS,
                    DeadlinePolicy.MINUTES_5);
            long shop2 = fleet.addGroup(account, GROUP_VASILEK, "Интернет-магазин (Василёк)", vasilek, PAYMENT_ADDRESS,
                    DeadlinePolicy.MINUTES_5);
            fleet.addApiCredential(account, LOGIN, PASSWORD, List.of(shop1, shop2));
            ZoneId moscow = ZoneId.of("Europe/Moscow");
            registers.create(account, romashka, REGISTER_NAMES.get(0), moscow, List.of(shop1));
            registers.create(account, romashka, REGISTER_NAMES.get(1), moscow, List.of(shop1));
            registers.create(account, vasilek, REGISTER_NAMES.get(2), moscow, List.of(shop2));
            return true;
        }));
        // console users came later than the account: a demo database made before them gets them now
        transaction.executeWithoutResult(status -> {
            long account = fleet.findAccountByNumber(ACCOUNT_NUMBER).orElseThrow();
            if (users.find(account, CONSOLE_ADMIN).isEmpty()) {
                users.create(account, CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD, UserRole.ADMIN);
                users.create(account, CONSOLE_OPERATOR, CONSOLE_OPERATOR_PASSWORD, UserRole.OPERATOR);
            }
        });
        log.info("""

                ==== OpenKassa demo {} ====
                Account "Демо" (number {}): ООО «Ромашка» INN {} (УСН доход), ООО «Василёк» INN {} (ОСН)
                ATOL groups: {} (Ромашка), {} (Василёк); payment address {}
                API login: {}  password: {}
                Console: http://localhost:8080/console  client {} (or "{}"), user {} / {} (operator: {} / {})
                Try: curl -s -X POST http://localhost:8080/possystem/v5/getToken -H 'Content-Type: application/json' \\
                       -d '{"login":"{}","pass":"{}"}'
                """, created ? "data created" : "data in place", ACCOUNT_NUMBER, INN_ROMASHKA, INN_VASILEK,
                GROUP_ROMASHKA, GROUP_VASILEK, PAYMENT_ADDRESS, LOGIN, PASSWORD, ACCOUNT_NUMBER, ACCOUNT_NAME,
                CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD, CONSOLE_OPERATOR, CONSOLE_OPERATOR_PASSWORD, LOGIN, PASSWORD);
    }
}
