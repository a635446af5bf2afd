package ru.openkassa.emulator.fn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.Requests;
import ru.openkassa.emulator.TestClock;

class FiscalDriveTest {

    private static final String FN = "9999078900000001";
    private static final FiscalDocument SALE = Requests.sellDocument();

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-24T09:00:00Z");
    private FiscalDrive drive;

    private FiscalDrive open() {
        drive = FiscalDrive.open(new FiscalDriveConfig(dir,
                new RegisterFacts("0000000001012345", FN, Requests.INN, "ООО Ромашка", "7704211201", null, null,
                        EnumSet.of(TaxSystem.USN_INCOME), null),
                LocalDate.of(2029, 11, 24), FnSecret.DEMO_MASTER_KEY, 1000, clock));
        return drive;
    }

    @AfterEach
    void close() {
        if (drive != null) {
            drive.close();
        }
    }

    @Test
    void numbering_continues_after_a_restart_without_gap_or_reuse() {
        FiscalDrive first = open();
        first.openShift("Кассир");
        assertThat(first.registerReceipt(SALE).fdNumber()).isEqualTo(2);
        assertThat(first.registerReceipt(SALE).fdNumber()).isEqualTo(3);
        first.close();

        FiscalDrive reopened = open();
        FnDocument next = reopened.registerReceipt(SALE);
        assertThat(next.fdNumber()).isEqualTo(4);
        assertThat(next.shiftNumber()).isEqualTo(1);
        assertThat(next.numberInShift()).isEqualTo(3);
        assertThat(reopened.status().lastFdNumber()).isEqualTo(4);
        assertThat(reopened.unsent()).extracting(FnDocument::fdNumber).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void a_document_torn_by_a_kill_mid_write_never_happened_and_its_number_is_used_next() throws IOException {
        FiscalDrive first = open();
        first.openShift("Кассир");
        first.registerReceipt(SALE);
        first.close();
        // kill -9 inside the write of FD 3: a header and part of the record reached the disk.
        byte[] torn = new byte[] {(byte) 0xE8, 0x03, 0, 0, 0x11, 0x22, 0x33, 0x44, '{', '"', 'k'};
        Files.write(FiscalDrive.journalFile(dir), torn, StandardOpenOption.APPEND);

        FiscalDrive reopened = open();
        assertThat(reopened.status().lastFdNumber()).isEqualTo(2);
        assertThat(reopened.registerReceipt(SALE).fdNumber()).isEqualTo(3);
        reopened.close();
        assertThat(open().status().lastFdNumber()).isEqualTo(3);
    }

    @Test
    void every_document_carries_its_numbers_and_a_sign_the_drive_secret_verifies() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        FnDocument receipt = fn.registerReceipt(SALE);

        FiscalDocumentTlv tlv = FiscalDocumentTlv.parse(receipt.tlv());
        assertThat(tlv.code()).isEqualTo(3);
        assertThat(tlv.get(FfdTag.FISCAL_DOCUMENT_NUMBER)).contains(2L);
        assertThat(tlv.get(FfdTag.SHIFT_NUMBER)).contains(1L);
        assertThat(tlv.get(FfdTag.REQUEST_NUMBER)).contains(1L);
        assertThat(tlv.get(FfdTag.FISCAL_DRIVE_NUMBER)).contains(FN);
        assertThat(tlv.get(FfdTag.TOTAL_SUM)).contains(60000L);
        assertThat(tlv.hasValidSign(FnSecret.derive(FnSecret.DEMO_MASTER_KEY, FN).key())).isTrue();
        assertThat(tlv.hasValidSign(FnSecret.derive("another master key", FN).key())).isFalse();
        assertThat(receipt.fiscalSign()).isEqualTo(tlv.fiscalSign().orElseThrow().printed());
    }

    @Test
    void a_receipt_needs_an_open_shift() {
        FiscalDrive fn = open();
        assertThatThrownBy(() -> fn.registerReceipt(SALE))
                .isInstanceOfSatisfying(FnRefusal.class, r -> assertThat(r.reason()).isEqualTo(FnRefusal.Reason.SHIFT_CLOSED));
        assertThat(fn.status().lastFdNumber()).isZero();
    }

    @Test
    void a_shift_older_than_24_hours_takes_no_receipt_but_can_be_closed_and_a_new_one_opened() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        fn.registerReceipt(SALE);
        clock.advance(Duration.ofHours(24));
        assertThat(fn.registerReceipt(SALE).numberInShift()).isEqualTo(2); // exactly 24 h is still allowed
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> fn.registerReceipt(SALE))
                .isInstanceOfSatisfying(FnRefusal.class, r -> assertThat(r.reason()).isEqualTo(FnRefusal.Reason.SHIFT_EXPIRED));
        FnDocument close = fn.closeShift("Кассир");
        assertThat(close.type()).isEqualTo(FnDocumentType.SHIFT_CLOSE);
        assertThat(FiscalDocumentTlv.parse(close.tlv()).get(FfdTag.RECEIPTS_QUANTITY)).contains(2L);
        FnDocument open = fn.openShift("Кассир");
        assertThat(open.shiftNumber()).isEqualTo(2);
        FnDocument receipt = fn.registerReceipt(SALE);
        assertThat(receipt.shiftNumber()).isEqualTo(2);
        assertThat(receipt.numberInShift()).isEqualTo(1);
        assertThat(receipt.fdNumber()).isEqualTo(6);
    }

    @Test
    void shift_state_survives_a_restart() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        fn.registerReceipt(SALE);
        fn.closeShift("Кассир");
        fn.close();

        FiscalDrive reopened = open();
        assertThat(reopened.status().shift().open()).isFalse();
        assertThat(reopened.openShift("Кассир").shiftNumber()).isEqualTo(2);
    }

    @Test
    void after_30_days_without_the_ofd_confirmation_the_drive_forms_nothing_until_it_arrives() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        fn.registerReceipt(SALE);
        clock.advance(Duration.ofDays(29));
        fn.closeShift("Кассир"); // day 29: still fine
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThatThrownBy(() -> fn.openShift("Кассир"))
                .isInstanceOfSatisfying(FnRefusal.class,
                        r -> assertThat(r.reason()).isEqualTo(FnRefusal.Reason.OFD_WAIT_EXHAUSTED));
        assertThat(fn.status().oldestUnsentAt()).isEqualTo(fn.document(1).orElseThrow().dateTime());

        fn.confirm(1);
        fn.confirm(2);
        assertThat(fn.openShift("Кассир").fdNumber()).isEqualTo(4);
    }

    @Test
    void an_expired_drive_refuses_documents() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        clock.advance(Duration.ofDays(365 * 4));
        assertThatThrownBy(() -> fn.closeShift("Кассир"))
                .isInstanceOfSatisfying(FnRefusal.class, r -> assertThat(r.reason()).isEqualTo(FnRefusal.Reason.EXPIRED));
    }

    @Test
    void a_confirmation_is_kept_across_restarts_and_repeating_it_is_harmless() {
        FiscalDrive fn = open();
        fn.openShift("Кассир");
        fn.registerReceipt(SALE);
        assertThat(fn.confirm(1)).isTrue();
        assertThat(fn.confirm(1)).isFalse();
        fn.close();

        FiscalDrive reopened = open();
        assertThat(reopened.confirmedNumbers()).containsExactly(1L);
        assertThat(reopened.unsent()).extracting(FnDocument::fdNumber).containsExactly(2L);
        assertThat(reopened.status().unsentCount()).isEqualTo(1);
    }

    @Test
    void a_directory_of_another_drive_is_refused() {
        open().close();
        drive = null;
        assertThatThrownBy(() -> FiscalDrive.open(new FiscalDriveConfig(dir,
                new RegisterFacts("0000000001012345", "9999078900000002", Requests.INN, null, "7704211201", null, null,
                        EnumSet.of(TaxSystem.USN_INCOME), null),
                LocalDate.of(2029, 11, 24), FnSecret.DEMO_MASTER_KEY, 1000, clock)))
                .hasMessageContaining("holds FN " + FN);
    }

    @Test
    void a_full_archive_refuses() {
        drive = FiscalDrive.open(new FiscalDriveConfig(dir,
                new RegisterFacts("0000000001012345", FN, Requests.INN, null, "7704211201", null, null,
                        EnumSet.of(TaxSystem.USN_INCOME), null),
                LocalDate.of(2029, 11, 24), FnSecret.DEMO_MASTER_KEY, 2, clock));
        drive.openShift("Кассир");
        drive.registerReceipt(SALE);
        assertThatThrownBy(() -> drive.registerReceipt(SALE))
                .isInstanceOfSatisfying(FnRefusal.class, r -> assertThat(r.reason()).isEqualTo(FnRefusal.Reason.ARCHIVE_FULL));
        assertThat(drive.status().fillPercent()).isEqualTo(100);
        assertThat(List.of(drive.status().lastFdNumber())).containsExactly(2L);
    }
}
