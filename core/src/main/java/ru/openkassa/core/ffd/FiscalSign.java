package ru.openkassa.core.ffd;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Фискальный признак документа (ФПД, tag 1077): the 6 bytes a fiscal drive puts into each
 * document, of which bytes 2..5 read as a big-endian uint32 are the number printed on the
 * receipt, returned by cloud APIs and put into the QR code as {@code fp=} (up to 10 digits).
 * This is yandex/ofd's {@code extract_fiscal_sign_for_print} ("ФПД занимает 6 байт, но на чеке
 * печатаются байты с 2 по 5"), and it matches real documents: {@code 31 04 17 dd 6f d8} was
 * printed as 400388056.
 *
 * <p><b>Emulator stand-in.</b> A real FN computes the sign with a GOST-based MAC and a key that
 * never leaves the chip; nobody outside can compute or check it. Our virtual FN uses
 * HMAC-SHA256 with a per-FN secret over the document's TLV bytes without tag 1077, truncated to
 * 6 bytes, so that the OFD emulator, holding the same secret, can verify what the virtual FN
 * signed. Only documents signed by our own virtual FN can be verified this way.
 */
public record FiscalSign(byte[] bytes) {

    public static final int LENGTH = 6;
    private static final String HMAC = "HmacSHA256";

    public FiscalSign {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("fiscal sign of " + bytes.length + " bytes, expected 6");
        }
        bytes = bytes.clone();
    }

    /**
     * The virtual FN's sign of a document.
     *
     * @param documentWithoutSign the document's TLV bytes (document tag, length, requisites)
     *                            without the 1077 requisite; see {@link FiscalDocumentTlv#bytesToSign()}
     */
    public static FiscalSign compute(byte[] secret, byte[] documentWithoutSign) {
        return new FiscalSign(Arrays.copyOf(hmac(secret, documentWithoutSign), LENGTH));
    }

    /** Whether this is the sign the virtual FN with this secret gives the document; constant time. */
    public boolean verify(byte[] secret, byte[] documentWithoutSign) {
        return MessageDigest.isEqual(bytes, compute(secret, documentWithoutSign).bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The printed value: bytes 2..5 as an unsigned big-endian integer, 0..4 294 967 295. */
    public long printed() {
        long value = 0;
        for (int i = 2; i < LENGTH; i++) {
            value = value << 8 | (bytes[i] & 0xFF);
        }
        return value;
    }

    /**
     * The 6 bytes as one little-endian number, the way yandex/ofd reads 1077 as a VLN and some
     * OFD JSON exports show it (e.g. 140323280847921).
     */
    public long asVln() {
        long value = 0;
        for (int i = LENGTH - 1; i >= 0; i--) {
            value = value << 8 | (bytes[i] & 0xFF);
        }
        return value;
    }

    public static FiscalSign fromVln(long value) {
        if (value < 0 || value >= 1L << 48) {
            throw new IllegalArgumentException("fiscal sign out of 0..2^48-1: " + value);
        }
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return new FiscalSign(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FiscalSign that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "FiscalSign[" + HexFormat.of().formatHex(bytes) + ", printed " + printed() + "]";
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty FN secret");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException(e);
        }
    }
}
