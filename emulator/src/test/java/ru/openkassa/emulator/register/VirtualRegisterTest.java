package ru.openkassa.emulator.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.register.RegisterId;
import ru.openkassa.emulator.DeviceApiDouble;
import ru.openkassa.emulator.Requests;
import ru.openkassa.emulator.TestClock;
import ru.openkassa.emulator.fn.FnDocument;
import ru.openkassa.emulator.fn.FnDocumentType;
import ru.openkassa.emulator.ofd.OfdEmulator;
import tools.jackson.databind.JsonNode;

class VirtualRegisterTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ID = RegisterId.issue(1).digits();

    @TempDir
    Path dir;

    private DeviceApiDouble server;
    private OfdEmulator ofd;
    private VirtualRegister register;
    private final TestClock clock = TestClock.at("2026-11-24T09:00:00Z");

    @BeforeEach
    void start() {
        server = DeviceApiDouble.start();
        ofd = OfdEmulator.start(0, -1);
    }

    @AfterEach
    void stop() {
        if (register != null) {
            register.stop();
        }
        ofd.stop();
        server.close();
    }

    private RegisterConfig config() {
        return RegisterConfig.builder(ID, server.uri(), dir.resolve(ID))
                .inn(Requests.INN)
                .ofd(ofd.address())
                .clock(clock)
                .heartbeatInterval(Duration.ofMillis(300))
                .pollWaitSeconds(1)
                .build();
    }

    private VirtualRegister startRegister() {
        register = VirtualRegister.start(config());
        return register;
    }

    private static List<Long> delivered(JsonNode state) {
        return StreamSupport.stream(state.path("delivered").spliterator(), false)
                .map(d -> d.path("fd_number").asLong()).toList();
    }

    private long receiptsInDrive() {
        return register.fiscalDrive().documentsAfter(0).stream().filter(d -> d.type().isReceipt()).count();
    }

    @Test
    void hello_task_ack_fiscalize_result_then_the_ofd_confirms_and_the_heartbeat_says_delivered() {
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));

        JsonNode fiscal = server.awaitResult("task-1", WAIT).path("fiscal");
        assertThat(server.acks()).containsExactly("task-1");
        assertThat(fiscal.path("fd_number").asLong()).isEqualTo(2); // FD 1 is the shift opening
        assertThat(fiscal.path("fiscal_sign").isIntegralNumber()).isTrue();
        assertThat(fiscal.path("fiscal_sign").asLong()).isBetween(0L, 4_294_967_295L)
                .isEqualTo(register.fiscalDrive().document(2).orElseThrow().fiscalSign());
        assertThat(fiscal.path("shift_number").asLong()).isEqualTo(1);
        assertThat(fiscal.path("number_in_shift").asLong()).isEqualTo(1);
        assertThat(fiscal.path("date_time").asString()).isEqualTo("2026-11-24T12:00:00+03:00");
        assertThat(fiscal.path("fn_number").asString()).isEqualTo(register.config().fnNumber());
        assertThat(fiscal.path("registration_number").asString()).isEqualTo(register.config().registrationNumber());
        assertThat(fiscal.path("ffd_version").asString()).isEqualTo("1.2");
        assertThat(fiscal.path("total").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(fiscal.path("ofd_inn").asString()).isEqualTo("7704211201");

        JsonNode hello = server.helloBodies().getFirst();
        assertThat(hello.path("register_id").asString()).isEqualTo(ID);
        assertThat(hello.path("serial").asString()).isEqualTo("0010" + ID);
        assertThat(hello.path("fn").path("number").asString()).isEqualTo(register.config().fnNumber());
        assertThat(hello.path("registration").path("tax_systems").get(0).asString()).isEqualTo("usn_income");

        JsonNode state = server.awaitState(s -> delivered(s).contains(2L), WAIT);
        assertThat(state.path("delivered").get(0).path("fn_number").asString()).isEqualTo(register.config().fnNumber());
        assertThat(ofd.document(register.config().fnNumber(), 2)).isPresent();
        assertThat(register.fiscalDrive().isConfirmed(2)).isTrue();
        server.awaitState(s -> s.path("ofd").path("unsent_count").asInt() == 0
                && s.path("ofd").path("connected").asBoolean() && s.path("shift").path("open").asBoolean(), WAIT);
    }

    @Test
    void a_status_diagnostic_is_answered_with_shift_paper_fn_and_unsent_documents_without_an_ack() {
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitResult("task-1", WAIT);
        register.switches().noPaper(true);
        server.offerDiagnostics("diag-1", "status");

        JsonNode answer = server.awaitResult("diag-1", WAIT).path("diagnostics");
        assertThat(server.acks()).containsExactly("task-1");
        assertThat(answer.path("shift").path("open").asBoolean()).isTrue();
        assertThat(answer.path("shift").path("number").asLong()).isEqualTo(1);
        assertThat(answer.path("paper").asBoolean()).isFalse();
        assertThat(answer.path("fn").path("number").asString()).isEqualTo(register.config().fnNumber());
        assertThat(answer.path("fn").path("expires_at").asString()).isEqualTo(register.config().fnExpiresAt().toString());
        assertThat(answer.path("ofd").has("unsent_count")).isTrue();
        assertThat(answer.path("register_time").asString()).isEqualTo("2026-11-24T12:00:00+03:00");
        assertThat(answer.path("ofd_check").path("reachable").isMissingNode()).as("only a connection check tries the OFD").isTrue();
    }

    @Test
    void a_connection_check_tries_the_ofd_and_says_whether_it_answered() {
        startRegister();
        server.offerDiagnostics("diag-1", "connection");
        JsonNode reachable = server.awaitResult("diag-1", WAIT).path("diagnostics").path("ofd_check");
        assertThat(reachable.path("reachable").asBoolean()).isTrue();
        assertThat(reachable.path("millis").isIntegralNumber()).isTrue();

        ofd.switches().down(true);
        server.offerDiagnostics("diag-2", "connection");
        JsonNode down = server.awaitResult("diag-2", WAIT).path("diagnostics").path("ofd_check");
        assertThat(down.path("reachable").asBoolean()).isFalse();
        assertThat(down.path("error").asString()).contains("нет соединения с ОФД");
        assertThat(server.acks()).isEmpty();
    }

    @Test
    void a_delivery_is_reported_only_once_the_server_has_the_result_of_its_receipt() {
        server.failResults(true);
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        await(() -> register.fiscalDrive().isConfirmed(2));
        server.awaitState(s -> s.path("ofd").path("unsent_count").asInt() == 0, WAIT);
        assertThat(server.states()).allSatisfy(s -> assertThat(delivered(s)).isEmpty());

        server.failResults(false);
        server.awaitResult("task-1", WAIT);
        server.awaitState(s -> delivered(s).equals(List.of(2L)), WAIT);
    }

    @Test
    void two_registers_never_share_one_directory() {
        startRegister();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VirtualRegister.start(config()))
                .hasMessageContaining("another register runs in");
        assertThat(register.isRunning()).isTrue();
    }

    @Test
    void a_repeated_job_is_answered_with_the_stored_result_and_prints_nothing_new() {
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        JsonNode first = server.awaitResult("task-1", WAIT);
        long lastFd = register.fiscalDrive().status().lastFdNumber();

        server.offerSell("task-2", "job-1", Requests.sell("order-1"));
        JsonNode again = server.awaitResult("task-2", WAIT);

        assertThat(again).isEqualTo(first);
        assertThat(register.fiscalDrive().status().lastFdNumber()).isEqualTo(lastFd);
        assertThat(receiptsInDrive()).isEqualTo(1);
    }

    @Test
    void a_receipt_of_another_inn_or_tax_system_is_refused_with_a_driver_error() {
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1", "7707083893", "usn_income"));
        server.offerSell("task-2", "job-2", Requests.sell("order-2", Requests.INN, "osn"));

        JsonNode inn = server.awaitResult("task-1", WAIT).path("error");
        assertThat(inn.path("code").asInt()).isEqualTo(88);
        assertThat(inn.path("type").asString()).isEqualTo("driver");
        assertThat(inn.path("retryable").asBoolean(true)).isFalse();
        assertThat(inn.path("text").asString()).contains("7707083893");
        JsonNode sno = server.awaitResult("task-2", WAIT).path("error");
        assertThat(sno.path("code").asInt()).isEqualTo(143);
        assertThat(register.fiscalDrive().status().lastFdNumber()).isZero();
    }

    @Test
    void a_request_the_reader_refuses_is_a_driver_error_not_a_receipt() {
        startRegister();
        server.offer("task-1", "job-1", "sell", "v5", "{\"external_id\": \"x\", \"receipt\": {}}");
        server.offer("task-2", "job-2", "sell_refund_correction", "v4", Requests.sell("order-2"));

        assertThat(server.awaitResult("task-1", WAIT).path("error").path("code").asInt()).isEqualTo(13);
        assertThat(server.awaitResult("task-2", WAIT).path("error").path("code").asInt()).isEqualTo(48);
        assertThat(register.fiscalDrive().status().lastFdNumber()).isZero();
    }

    @Test
    void switches_no_paper_fn_expired_and_fn_full_give_their_driver_errors() {
        startRegister();
        register.switches().noPaper(true);
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        JsonNode noPaper = server.awaitResult("task-1", WAIT).path("error");
        assertThat(noPaper.path("code").asInt()).isEqualTo(44);
        assertThat(noPaper.path("retryable").asBoolean()).isTrue();
        server.awaitState(s -> !s.path("paper").asBoolean(true), WAIT);

        register.switches().noPaper(false).fnExpired(true);
        server.offerSell("task-2", "job-2", Requests.sell("order-2"));
        assertThat(server.awaitResult("task-2", WAIT).path("error").path("code").asInt()).isEqualTo(120);

        register.switches().fnExpired(false).fnFull(true);
        server.offerSell("task-3", "job-3", Requests.sell("order-3"));
        assertThat(server.awaitResult("task-3", WAIT).path("error").path("code").asInt()).isEqualTo(121);

        register.switches().fnFull(false);
        server.offerSell("task-4", "job-4", Requests.sell("order-4"));
        assertThat(server.awaitResult("task-4", WAIT).path("fiscal").path("fd_number").asLong()).isEqualTo(2);
    }

    @Test
    void an_expired_token_makes_the_register_say_hello_again() {
        startRegister();
        server.awaitState(s -> true, WAIT);
        server.expireToken();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));

        assertThat(server.awaitResult("task-1", WAIT).has("fiscal")).isTrue();
        assertThat(server.hellos()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_busy_server_is_called_again_when_its_retry_after_says_not_sooner() throws InterruptedException {
        server.busy(2);
        startRegister();
        Thread.sleep(1500);
        // the doubling pace alone would have called at 0, ~0.5 and ~1.5 s
        assertThat(server.turnedAway()).isEqualTo(1);

        server.busy(0);
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        assertThat(server.awaitResult("task-1", WAIT).has("fiscal")).isTrue();
    }

    @Test
    void a_hung_register_reports_selling_and_finishes_when_released() {
        startRegister();
        register.switches().hangMidReceipt(true);
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitAck("task-1", WAIT);
        server.awaitState(s -> s.path("mode").asString().equals("selling"), WAIT);
        assertThat(server.result("task-1")).isNull();

        register.switches().hangMidReceipt(false);
        assertThat(server.awaitResult("task-1", WAIT).has("fiscal")).isTrue();
    }

    @Test
    void a_shift_older_than_24_hours_is_closed_and_a_new_one_opened_before_the_next_receipt() {
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitResult("task-1", WAIT);
        clock.advance(Duration.ofHours(25));
        server.offerSell("task-2", "job-2", Requests.sell("order-2"));

        JsonNode fiscal = server.awaitResult("task-2", WAIT).path("fiscal");
        assertThat(fiscal.path("fd_number").asLong()).isEqualTo(5);
        assertThat(fiscal.path("shift_number").asLong()).isEqualTo(2);
        assertThat(fiscal.path("number_in_shift").asLong()).isEqualTo(1);
        assertThat(register.fiscalDrive().documentsAfter(0)).extracting(FnDocument::type).containsExactly(
                FnDocumentType.SHIFT_OPEN, FnDocumentType.RECEIPT, FnDocumentType.SHIFT_CLOSE,
                FnDocumentType.SHIFT_OPEN, FnDocumentType.RECEIPT);
    }

    @Test
    void without_the_ofd_for_30_days_the_register_refuses_receipts_until_the_link_is_back() {
        startRegister();
        register.switches().ofdUnreachable(true);
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitResult("task-1", WAIT);
        server.awaitState(s -> !s.path("ofd").path("connected").asBoolean(true)
                && s.path("ofd").path("unsent_count").asInt() == 2
                && s.path("ofd").path("oldest_unsent_at").asString().equals("2026-11-24T12:00:00+03:00"), WAIT);

        clock.advance(Duration.ofDays(31));
        server.offerSell("task-2", "job-2", Requests.sell("order-2"));
        assertThat(server.awaitResult("task-2", WAIT).path("error").path("code").asInt()).isEqualTo(140);

        register.switches().ofdUnreachable(false);
        server.awaitState(s -> delivered(s).contains(2L), WAIT);
        server.offerSell("task-3", "job-3", Requests.sell("order-3"));
        assertThat(server.awaitResult("task-3", WAIT).has("fiscal")).isTrue();
    }

    @Test
    void a_document_the_ofd_rejects_stays_unsent_until_it_accepts_it() {
        ofd.switches().reject(true);
        startRegister();
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitResult("task-1", WAIT);
        await(() -> ofd.refusedCount() > 0);
        assertThat(register.fiscalDrive().status().unsentCount()).isEqualTo(2);

        ofd.switches().reject(false);
        server.awaitState(s -> delivered(s).contains(2L), Duration.ofSeconds(30));
        assertThat(register.fiscalDrive().status().unsentCount()).isZero();
    }

    @Test
    void after_a_crash_between_signing_and_reporting_the_restarted_register_reports_the_same_document() {
        startRegister();
        register.switches().crashAfterFiscalize(true);
        server.reofferAcked(true);
        server.offerSell("task-1", "job-1", Requests.sell("order-1"));
        server.awaitAck("task-1", WAIT);
        await(register::hasCrashed);
        assertThat(server.result("task-1")).isNull();

        register = VirtualRegister.start(config());
        JsonNode fiscal = server.awaitResult("task-1", WAIT).path("fiscal");
        assertThat(fiscal.path("fd_number").asLong()).isEqualTo(2);
        // The task was offered again too; whichever came first, no second receipt was printed.
        server.offerSell("task-2", "job-1", Requests.sell("order-1"));
        assertThat(server.awaitResult("task-2", WAIT).path("fiscal").path("fd_number").asLong()).isEqualTo(2);
        assertThat(receiptsInDrive()).isEqualTo(1);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
