package ru.openkassa.core.ofd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.tlv.Hex;

class Crc16Test {

    @Test
    void givesTheCatalogueCheckValue() {
        // CRC RevEng catalogue, CRC-16/IBM-3740 (alias CCITT-FALSE, crcmod "crc-ccitt-false"): check 0x29b1
        assertThat(Crc16.ccittFalse("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29b1);
    }

    @Test
    void matchesTheCheckCodeOfYandexUnitTestContainer() {
        // yandex/ofd TestFrameHeader.test_update_crc: 60419 over the header without its CRC field plus the body
        byte[] container = Hex.resource("/ofd/yandex-unit-test-container-fiscal-report.hex");
        byte[] covered = new byte[container.length - 2];
        System.arraycopy(container, 0, covered, 0, 2);
        System.arraycopy(container, 4, covered, 2, container.length - 4);
        assertThat(Crc16.ccittFalse(covered)).isEqualTo(60_419);
    }

    @Test
    void ofNothingIsTheInitialValue() {
        assertThat(Crc16.ccittFalse(new byte[0])).isEqualTo(0xffff);
    }
}
