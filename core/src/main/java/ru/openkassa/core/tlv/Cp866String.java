package ru.openkassa.core.tlv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * FFD "String": text in code page 866 (DOS Cyrillic, one byte a character, «ё» is {@code f1}),
 * at most {@code maxLength} bytes, no terminator. Characters CP866 lacks (€, emoji, Latin with
 * accents) are refused, not replaced with '?': a fiscal document must say what the buyer saw.
 */
public record Cp866String(int maxLength) implements WireType<String> {

    public static final Charset CP866 = Charset.forName("IBM866");

    public Cp866String {
        if (maxLength < 1 || maxLength > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("string length out of 1..65535: " + maxLength);
        }
    }

    @Override
    public byte[] encode(String value) {
        ByteBuffer encoded;
        try {
            encoded = CP866.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not representable in CP866: " + value, e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (bytes.length > maxLength) {
            throw new IllegalArgumentException("string of " + bytes.length + " characters, at most " + maxLength + ": " + value);
        }
        return bytes;
    }

    @Override
    public String decode(byte[] value) {
        TlvFormatException.requireLength(value, 0, maxLength, "string");
        // Every byte is a CP866 character, so decoding cannot fail.
        return new String(value, CP866);
    }

    /** Whether the text can be written in CP866 at all, whatever its length. */
    public static boolean canEncode(String text) {
        return CP866.newEncoder().canEncode(text);
    }
}
