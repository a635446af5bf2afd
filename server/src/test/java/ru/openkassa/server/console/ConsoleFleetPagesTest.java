package ru.openkassa.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.demo.DemoData;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.UserRole;
import ru.openkassa.server.fleet.UserService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.ConsoleClient;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.ConsoleClient.Page;
import ru.openkassa.server.support.Tenants;

/** "Groups and registers" over real HTTP: what an administrator does, what an operator may not, what another tenant never sees. */
@ApiTest
class ConsoleFleetPagesTest {

    private static final Pattern REGISTER_PAGE = Pattern.compile("/console/registers/(\\d+)");
    private static final Pattern GROUP_PAGE = Pattern.compile("/console/groups/(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    FleetService fleet;
    @Autowired
    RegisterService registers;
    @Autowired
    UserService users;
    @Autowired
    AuditLog audit;

    long demo;
    long romashka;

    @BeforeEach
    void demoAccount() {
        demo = fleet.findAccountByNumber(DemoData.ACCOUNT_NUMBER).orElseThrow();
        romashka = fleet.findLegalEntityByInn(demo, DemoData.INN_ROMASHKA).orElseThrow();
    }

    private ConsoleClient admin() {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_ADMIN, DemoData.CONSOLE_ADMIN_PASSWORD).redirect())
                .isEqualTo("/console/fleet");
        return console;
    }

    private static long idIn(Pattern pattern, String location) {
        Matcher m = pattern.matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void addingARegisterShowsItsIssuedIdAndHowToEnterIt() {
        ConsoleClient console = admin();
        console.get("/console/registers/new");
        long shop1 = fleet.findGroupByCode(DemoData.GROUP_ROMASHKA).orElseThrow().id();
        Page created = console.post("/console/registers", "name", "Касса у окна", "legalEntity", String.valueOf(romashka),
                "groups", String.valueOf(shop1));
        assertThat(created.status()).isEqualTo(302);
        long id = idIn(REGISTER_PAGE, created.redirect());
        Register register = registers.find(demo, id).orElseThrow();
        assertThat(register.registerId()).matches("\\d{10}");
        assertThat(register.groupIds()).containsExactly(shop1);

        Page general = console.get(created.redirect());
        assertThat(general.body()).contains(register.registerId(), "ПРОГРАММИРОВАНИЕ → СЕРВ. ККТ → ID КАССЫ",
                "появится после первой связи");
        assertThat(general.body()).contains("<span>Интернет-магазин (Ромашка)</span>").doesNotContain("null");
        assertThat(console.get("/console/fleet").body()).contains("Касса у окна", register.registerId(),
                "<span>Интернет-магазин (Ромашка)</span>").doesNotContain("null");
        assertThat(audit.recent(demo, 20)).anyMatch(e -> e.action().equals("register.created")
                && e.target().contains(register.registerId()) && e.actorLogin().equals(DemoData.CONSOLE_ADMIN));
    }

    @Test
    void aRegisterFormWithMistakesComesBackWithFieldErrorsAndWhatWasTyped() {
        ConsoleClient console = admin();
        console.get("/console/registers/new");
        long shop2 = fleet.findGroupByCode(DemoData.GROUP_VASILEK).orElseThrow().id();
        int before = registers.list(demo).size();
        Page page = console.post("/console/registers", "name", "Касса Х", "legalEntity", String.valueOf(romashka),
                "groups", String.valueOf(shop2));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Группа принадлежит другой организации", "value=\"Касса Х\"");
        Page blank = console.post("/console/registers", "name", " ", "legalEntity", String.valueOf(romashka));
        assertThat(blank.body()).contains("Укажите название кассы");
        assertThat(registers.list(demo)).hasSize(before);
    }

    @Test
    void aNewIdReplacesTheOldOneWithAWarningAndRetiringEndsIt() {
        Register register = registers.create(demo, romashka, "Касса для нового ID", ZoneId.of("Europe/Moscow"), List.of());
        ConsoleClient console = admin();
        Page general = console.get("/console/registers/" + register.id());
        assertThat(general.body()).contains("Кассу нужно будет перепрограммировать");
        Page reissued = console.post("/console/registers/" + register.id() + "/reissue-id");
        assertThat(reissued.redirect()).isEqualTo("/console/registers/" + register.id());
        String newId = registers.find(demo, register.id()).orElseThrow().registerId();
        assertThat(newId).isNotEqualTo(register.registerId());
        assertThat(console.get(reissued.redirect()).body()).contains(newId, "Выдан новый ID");

        console.post("/console/registers/" + register.id() + "/retire");
        assertThat(registers.find(demo, register.id()).orElseThrow().isRetired()).isTrue();
        assertThat(registers.findActive(newId)).isEmpty();
        assertThat(console.get("/console/registers/" + register.id()).body()).contains("выведена из эксплуатации");
        assertThat(audit.recent(demo, 20)).extracting(e -> e.action()).contains("register.id-reissued", "register.retired");
    }

    @Test
    void aRetiredRegistersHelloIsToldItIsRetired() {
        Register register = registers.create(demo, romashka, "Касса на покой", ZoneId.of("Europe/Moscow"), List.of());
        ConsoleClient console = admin();
        console.get("/console/registers/" + register.id());
        console.post("/console/registers/" + register.id() + "/retire");
        Http.Response hello = new ScriptedRegister(new Http(port), register.registerId(), "SER-OLD", DemoData.INN_ROMASHKA,
                "9999078900005555").hello();
        assertThat(hello.status()).isEqualTo(410);
        assertThat(hello.json().get("errors").get(0).get("code").stringValue()).isEqualTo("register_retired");
        assertThat(registers.find(demo, register.id()).orElseThrow().serial()).isNull();
    }

    @Test
    void aRegisterCanBeAMemberOfSeveralGroups() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long second = fleet.addGroup(demo, "second-" + suffix, "Вторая " + suffix, romashka, "https://shop.example.ru/2",
                ru.openkassa.server.fleet.DeadlinePolicy.MINUTES_5);
        long shop1 = fleet.findGroupByCode(DemoData.GROUP_ROMASHKA).orElseThrow().id();
        Register register = registers.create(demo, romashka, "Касса двух групп", ZoneId.of("Europe/Moscow"), List.of());
        ConsoleClient console = admin();
        console.get("/console/registers/" + register.id());
        Page saved = console.post("/console/registers/" + register.id(), "name", "Касса двух групп",
                "groups", String.valueOf(shop1), "groups", String.valueOf(second));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(registers.find(demo, register.id()).orElseThrow().groupIds()).containsExactlyInAnyOrder(shop1, second);
        assertThat(console.get("/console/groups/" + second).body()).contains("Касса двух групп");
    }

    @Test
    void groupsAreAddedRenamedAndDeletedWithClearRefusals() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ConsoleClient console = admin();
        console.get("/console/groups/new");
        Page created = console.post("/console/groups", "name", "Склад " + suffix, "code", "sklad-" + suffix,
                "legalEntity", String.valueOf(romashka), "paymentAddress", "Москва, ул. Складская, 1");
        long id = idIn(GROUP_PAGE, created.redirect());
        assertThat(fleet.findGroup(demo, id).orElseThrow().name()).isEqualTo("Склад " + suffix);

        Page duplicate = console.post("/console/groups", "name", "Склад " + suffix, "code", "other-" + suffix,
                "legalEntity", String.valueOf(romashka), "paymentAddress", "Москва");
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("Группа с таким названием уже есть");
        Page takenCode = console.post("/console/groups", "name", "Другой " + suffix, "code", DemoData.GROUP_VASILEK,
                "legalEntity", String.valueOf(romashka), "paymentAddress", "Москва");
        assertThat(takenCode.body()).contains("Этот код группы уже занят");

        console.get("/console/groups/" + id);
        assertThat(console.post("/console/groups/" + id, "name", "Склад на Ленина " + suffix).status()).isEqualTo(302);
        assertThat(fleet.findGroup(demo, id).orElseThrow().name()).isEqualTo("Склад на Ленина " + suffix);
        Page clash = console.post("/console/groups/" + id, "name", "Интернет-магазин (Ромашка)");
        assertThat(clash.body()).contains("Группа с таким названием уже есть");

        Register member = registers.create(demo, romashka, "Касса склада", ZoneId.of("Europe/Moscow"), List.of(id));
        Page refused = console.post("/console/groups/" + id + "/delete");
        assertThat(console.get(refused.redirect()).body()).contains("Группу нельзя удалить: в ней есть кассы");
        registers.update(demo, member.id(), member.name(), List.of());
        assertThat(console.post("/console/groups/" + id + "/delete").redirect()).isEqualTo("/console/fleet");
        assertThat(fleet.findGroup(demo, id)).isEmpty();
        assertThat(audit.recent(demo, 20)).extracting(e -> e.action()).contains("group.created", "group.renamed", "group.deleted");
    }

    @Test
    void anotherAccountsRegistersAndGroupsAreNotFoundOnEveryPageAndAction() {
        Tenants.Tenant other = Tenants.create(fleet);
        RoutingGroup otherGroup = fleet.findGroupByCode(other.group()).orElseThrow();
        Register theirs = registers.create(other.accountId(), otherGroup.legalEntityId(), "Чужая касса",
                ZoneId.of("Europe/Moscow"), List.of(otherGroup.id()));
        ConsoleClient console = admin();
        console.get("/console/fleet");
        String register = "/console/registers/" + theirs.id();
        String group = "/console/groups/" + otherGroup.id();
        for (Page page : List.of(console.get(register), console.post(register, "name", "Моя"),
                console.post(register + "/reissue-id"), console.post(register + "/retire"), console.get(group),
                console.post(group, "name", "Моя группа"), console.post(group + "/delete"),
                console.post("/console/registers", "name", "X", "legalEntity", String.valueOf(otherGroup.legalEntityId())),
                console.post("/console/groups", "name", "X", "code", "x-" + theirs.id(), "legalEntity",
                        String.valueOf(otherGroup.legalEntityId()), "paymentAddress", "X"))) {
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.body()).doesNotContain("Чужая касса", otherGroup.code(), theirs.registerId());
        }
        Register after = registers.find(other.accountId(), theirs.id()).orElseThrow();
        assertThat(after.registerId()).isEqualTo(theirs.registerId());
        assertThat(after.name()).isEqualTo("Чужая касса");
        assertThat(after.isRetired()).isFalse();
        assertThat(fleet.findGroup(other.accountId(), otherGroup.id()).orElseThrow().name()).isEqualTo("Other shop");
        assertThat(console.get("/console/fleet").body()).doesNotContain("Чужая касса", otherGroup.code());
        assertThat(console.get("/console/registers/abc").status()).isEqualTo(404);
    }

    @Test
    void anOperatorSeesEverythingAndChangesNothing() {
        Register register = registers.create(demo, romashka, "Касса оператора", ZoneId.of("Europe/Moscow"), List.of());
        long shop1 = fleet.findGroupByCode(DemoData.GROUP_ROMASHKA).orElseThrow().id();
        ConsoleClient console = new ConsoleClient(port);
        console.login(DemoData.ACCOUNT_NUMBER, DemoData.CONSOLE_OPERATOR, DemoData.CONSOLE_OPERATOR_PASSWORD);
        Page fleetPage = console.get("/console/fleet");
        assertThat(fleetPage.body()).contains("Касса оператора").doesNotContain("id=\"add-register\"", "id=\"add-group\"");
        Page general = console.get("/console/registers/" + register.id());
        assertThat(general.body()).contains(register.registerId()).doesNotContain("id=\"reissue\"", "id=\"retire\"");
        assertThat(console.get("/console/groups/" + shop1).body()).doesNotContain("id=\"delete\"");

        String path = "/console/registers/" + register.id();
        for (Page page : List.of(console.get("/console/registers/new"), console.get("/console/groups/new"),
                console.get("/console/audit"), console.post(path, "name", "Переименована"),
                console.post(path + "/reissue-id"), console.post(path + "/retire"),
                console.post("/console/groups/" + shop1, "name", "Переименована"),
                console.post("/console/groups/" + shop1 + "/delete"),
                console.post("/console/registers", "name", "Новая", "legalEntity", String.valueOf(romashka)))) {
            assertThat(page.status()).isEqualTo(403);
        }
        Register after = registers.find(demo, register.id()).orElseThrow();
        assertThat(after.name()).isEqualTo("Касса оператора");
        assertThat(after.registerId()).isEqualTo(register.registerId());
        assertThat(after.isRetired()).isFalse();
        assertThat(fleet.findGroup(demo, shop1).orElseThrow().name()).isEqualTo("Интернет-магазин (Ромашка)");
    }

    @Test
    void theAuditLogShowsWhoDidWhatToTheAdministrators() {
        ConsoleClient console = admin();
        Page log = console.get("/console/audit");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains("Журнал действий", "Вход в систему", DemoData.CONSOLE_ADMIN);
    }

    @Test
    void registersChangedThroughTheApiAreAuditedUnderTheApiLogin() {
        Http http = new Http(port);
        String bearer = "Bearer " + http.postJson("/api/v1/auth/token",
                "{\"login\":\"" + DemoData.LOGIN + "\",\"password\":\"" + DemoData.PASSWORD + "\"}")
                .json().get("token").stringValue();
        Http.Response created = http.postJson("/api/v1/registers", "{\"name\":\"Касса через API\",\"legal_entity_inn\":\""
                + DemoData.INN_ROMASHKA + "\"}", "Authorization", bearer);
        assertThat(created.status()).isEqualTo(201);
        String registerId = created.json().get("register_id").stringValue();
        Page log = admin().get("/console/audit");
        assertThat(log.body()).contains("Касса через API (" + registerId + ")", "<span>" + DemoData.LOGIN + "</span>");
    }

    @Test
    void theConsoleSpeaksEnglishOnRequest() {
        ConsoleClient console = admin();
        assertThat(console.get("/console/fleet?lang=en").body()).contains("Groups and registers", "Add a register");
        assertThat(console.get("/console/fleet").body()).contains("Add a register");
        assertThat(console.get("/console/fleet?lang=ru").body()).contains("Добавить кассу");
    }

    @Test
    void usersOfAnotherAccountLogInToTheirOwnAccountOnly() {
        Tenants.Tenant other = Tenants.create(fleet);
        users.create(other.accountId(), "admin", "their-pass", UserRole.ADMIN);
        String number = fleet.findAccount(other.accountId()).orElseThrow().number();
        ConsoleClient theirs = new ConsoleClient(port);
        theirs.login(number, "admin", "their-pass");
        assertThat(theirs.get("/console/fleet").body()).doesNotContain(DemoData.REGISTER_NAMES.getFirst())
                .contains("Other shop");
        assertThat(new ConsoleClient(port).login(number, "admin", DemoData.CONSOLE_ADMIN_PASSWORD).body())
                .contains("Неверный клиент, пользователь или пароль");
    }
}
