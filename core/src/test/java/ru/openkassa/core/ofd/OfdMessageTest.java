package ru.openkassa.core.ofd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.openkassa.core.tlv.Hex.bytes;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.ffd.DocumentStamp;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.ofd.OfdFrameException.Problem;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.tlv.Hex;
import ru.openkassa.core.tlv.TlvFormatException;

class OfdMessageTest {

    /** yandex/ofd tests/example_test.py binary_dump, see resources/ofd/SOURCES.md. */
    private static final byte[] CAPTURED = Hex.resource("/ofd/yandex-example-test-fiscal-report-correction.hex");

    @Nested
    class CapturedMessage {

        private final OfdMessage message = OfdMessage.decode(CAPTURED);

        @Test
        void readsTheSessionHeader() {
            SessionHeader session = message.session();
            assertThat(session.fn()).isEqualTo("9999078900005488");
            assertThat(session.applicationVersion()).isEqualTo(1);
            assertThat(session.bodyLength()).isEqualTo(436);
            assertThat(session.flags()).isEqualTo(0b10100);
            assertThat(session.crc()).isZero();
        }

        @Test
        void readsTheContainerHeader() {
            ContainerHeader container = message.container();
            assertThat(container.length()).isEqualTo(436);
            assertThat(container.crc()).isEqualTo(0x7825);
            assertThat(container.messageType()).isEqualTo(0xa5);
            assertThat(container.documentType()).isEqualTo(11);
            assertThat(container.fnNumber()).isEqualTo("9999078900005488");
            assertThat(container.fdNumber()).isEqualTo(1);
        }

        @Test
        void readsTheDocumentInside() {
            FiscalDocumentTlv document = message.document();
            assertThat(document.code()).isEqualTo(11);
            assertThat(document.get(FfdTag.FISCAL_DOCUMENT_NUMBER)).contains(1L);
            assertThat(document.get(FfdTag.FISCAL_DRIVE_NUMBER)).contains("9999078900005488");
            assertThat(document.get(FfdTag.USER)).contains("ООО РАПКАТ-центр ");
            assertThat(document.get(FfdTag.OFD_INN)).contains("7704358518  ");
            assertThat(document.get(FfdTag.FISCAL_DOCUMENT_FORMAT_VER)).contains(2);
            assertThat(document.fiscalSign()).map(sign -> sign.bytes()).get().isEqualTo(bytes("2104aa107541"));
        }

        @Test
        void keepsTheMessageSignAndWhatFollowsIt() {
            assertThat(message.messageFiscalSign()).get().isEqualTo(bytes("8106a55ae10c4d75"));
            assertThat(message.tail()).containsExactly(bytes("8106a55ae10c4d75 0000"));
        }

        @Test
        void writesItBackByteForByte() {
            assertThat(message.encode()).containsExactly(CAPTURED);
        }
    }

    @Test
    void readsAndWritesTheSessionHeaderOfYandexUnitTest() {
        // yandex/ofd TestSessionHeader: pva 256 (bytes 00 01), fs_id '9999078950      ', length 305, flags 0b10100, crc 0
        byte[] header = bytes("2a08410a81a20001 39393939303738393530202020202020 3101 1400 0000");
        SessionHeader session = SessionHeader.decode(header);

        assertThat(session.fnNumber()).isEqualTo("9999078950      ");
        assertThat(session.bodyLength()).isEqualTo(305);
        assertThat(session.flags()).isEqualTo(0b10100);
        assertThat(session.encode()).containsExactly(header);
    }

    @Test
    void readsAndWritesTheContainerHeaderOfYandexUnitTest() {
        // yandex/ofd TestFrameHeader.test_unpack: length 305, crc 60419, doctype 1, docnum 00 00 01
        byte[] container = Hex.resource("/ofd/yandex-unit-test-container-fiscal-report.hex");
        ContainerHeader header = ContainerHeader.decode(container);

        assertThat(header.length()).isEqualTo(305);
        assertThat(header.crc()).isEqualTo(60_419);
        assertThat(header.documentType()).isEqualTo(1);
        assertThat(header.fnNumber()).isEqualTo("999907891234567f");
        assertThat(header.fdNumber()).isEqualTo(1);
        assertThat(header.serviceData1()).containsExactly(bytes("1009"));
        assertThat(header.serviceData2()).containsExactly(bytes("00230982c400000100020107"));
        assertThat(header.encode()).containsExactly(Arrays.copyOf(container, ContainerHeader.LENGTH));
        assertThat(header.checkCode(Arrays.copyOfRange(container, ContainerHeader.LENGTH, container.length))).isEqualTo(60_419);
    }

    @Nested
    class BadFraming {

        @Test
        void aChangedByteFailsTheCheckCode() {
            byte[] changed = CAPTURED.clone();
            changed[200] ^= 1;
            assertThatThrownBy(() -> OfdMessage.decode(changed))
                    .isInstanceOfSatisfying(OfdFrameException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_CRC));
        }

        @Test
        void aWrongSignatureIsNotOurProtocol() {
            byte[] changed = CAPTURED.clone();
            changed[0] = 0x2b;
            assertThatThrownBy(() -> OfdMessage.decode(changed))
                    .isInstanceOfSatisfying(OfdFrameException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE));
        }

        @Test
        void anUnknownApplicationVersionIsRefused() {
            byte[] changed = CAPTURED.clone();
            changed[7] = 0x03;
            assertThatThrownBy(() -> OfdMessage.decode(changed))
                    .isInstanceOfSatisfying(OfdFrameException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION));
        }

        @Test
        void aShortMessageDoesNotMatchItsAnnouncedLength() {
            byte[] cut = Arrays.copyOf(CAPTURED, CAPTURED.length - 1);
            assertThatThrownBy(() -> OfdMessage.decode(cut))
                    .isInstanceOfSatisfying(OfdFrameException.class, e -> assertThat(e.problem()).isEqualTo(Problem.LENGTH_MISMATCH));
            assertThatThrownBy(() -> OfdMessage.decode(Arrays.copyOf(CAPTURED, 10)))
                    .isInstanceOfSatisfying(OfdFrameException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED));
        }

        @Test
        void aGarbledDocumentStillNamesItsFnAndFdForTheAnswer() {
            byte[] body = bytes("0300 ff00 1004");
            ContainerHeader header = ContainerHeader.of(3, "9999078900005488", 42).sealed(body);
            byte[] bytes = new OfdMessage(SessionHeader.of("9999078900005488", header.length()), header, body).encode();

            OfdMessage message = OfdMessage.decode(bytes);
            assertThat(message.container().fdNumber()).isEqualTo(42);
            assertThatThrownBy(message::document).isInstanceOf(TlvFormatException.class);
        }
    }

    @Nested
    class Exchange {

        private final RegisterFacts register = new RegisterFacts("0000000001002003", "9999078900005488", "5544332219",
                "ООО Ромашка", "7704358518", null, null, Set.of(TaxSystem.USN_INCOME), null);
        private final FiscalDocumentTlv shiftOpen = FiscalDocumentTlv
                .shiftOpen(register, new DocumentStamp(7, LocalDateTime.of(2026, 2, 1, 9, 0), 2), "Кассир", null)
                .signedBy("secret".getBytes(StandardCharsets.UTF_8));
        private final OfdMessage sent = OfdMessage.fromRegister("9999078900005488", shiftOpen, bytes("0102030405060708"));

        @Test
        void aRegistersMessageRoundTrips() {
            OfdMessage received = OfdMessage.decode(sent.encode());

            assertThat(received).isEqualTo(sent);
            assertThat(received.document()).isEqualTo(shiftOpen);
            assertThat(received.container().documentType()).isEqualTo(2);
            assertThat(received.container().fdNumber()).isEqualTo(7);
            assertThat(received.container().fnNumber()).isEqualTo("9999078900005488");
            assertThat(received.messageFiscalSign()).get().isEqualTo(bytes("0102030405060708"));
        }

        @Test
        void theOfdAnswersWithAConfirmationOfThatDocument() {
            OperatorConfirmation confirmation = new OperatorConfirmation("9999078900005488", 7,
                    LocalDateTime.of(2026, 2, 1, 9, 0, 3), "7704358518", OfdResponseCode.ACCEPTED, bytes("a1a2a3a4"));

            OfdMessage answer = OfdMessage.decode(sent.answer(confirmation).encode());

            assertThat(answer.container().documentType()).isEqualTo(7);
            assertThat(answer.container().fdNumber()).isEqualTo(7);
            assertThat(answer.session().fn()).isEqualTo("9999078900005488");
            assertThat(OperatorConfirmation.from(answer.document())).isEqualTo(confirmation);
        }

        @Test
        void confirmationsAreReadOneAfterAnotherFromAStream() throws IOException {
            byte[] first = sent.encode();
            byte[] both = Arrays.copyOf(first, first.length * 2);
            System.arraycopy(first, 0, both, first.length, first.length);
            ByteArrayInputStream in = new ByteArrayInputStream(both);

            assertThat(OfdMessage.read(in)).isEqualTo(sent);
            assertThat(OfdMessage.read(in)).isEqualTo(sent);
            assertThatThrownBy(() -> OfdMessage.read(in)).isInstanceOf(EOFException.class);
        }

        @Test
        void aMessageSignIsEightBytes() {
            assertThatThrownBy(() -> OfdMessage.fromRegister("9999078900005488", shiftOpen, new byte[4]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
