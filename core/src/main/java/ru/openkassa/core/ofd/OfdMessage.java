package ru.openkassa.core.ofd;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ofd.OfdFrameException.Problem;
import ru.openkassa.core.tlv.TlvFormatException;
import ru.openkassa.core.tlv.TlvReader;

/**
 * One message between a register and an OFD, in either direction: session header, container
 * header, and the container body, which is the fiscal document's TLV followed by the message's
 * fiscal sign (ФПС, 8 bytes, formed by the FN; captured containers also end in two zero bytes
 * after it, kept as they are).
 *
 * <p>Plain containers only: a real FN encrypts the body for the OFD's crypto hardware (tag 1056
 * признак шифрования); encryption is out of scope, so this talks to our OFD emulator, not to a
 * real OFD.
 *
 * @param body the container after its header
 */
public record OfdMessage(SessionHeader session, ContainerHeader container, byte[] body) {

    public static final int MESSAGE_SIGN_LENGTH = 8;

    public OfdMessage {
        body = body.clone();
        if (session.bodyLength() != container.length() || container.length() != ContainerHeader.LENGTH + body.length) {
            throw new IllegalArgumentException("session length " + session.bodyLength() + ", container length "
                    + container.length() + " and body of " + body.length + " bytes disagree");
        }
    }

    /**
     * A register's message carrying one document.
     *
     * @param messageSign the FN's sign of the message, {@value #MESSAGE_SIGN_LENGTH} bytes, opaque to us
     */
    public static OfdMessage fromRegister(String fnNumber, FiscalDocumentTlv document, byte[] messageSign) {
        if (messageSign.length != MESSAGE_SIGN_LENGTH) {
            throw new IllegalArgumentException("message sign must be 8 bytes: " + messageSign.length);
        }
        long fd = document.get(FfdTag.FISCAL_DOCUMENT_NUMBER)
                .orElseThrow(() -> new IllegalArgumentException("document without FD number (1040)"));
        byte[] documentBytes = document.toBytes();
        byte[] body = Arrays.copyOf(documentBytes, documentBytes.length + MESSAGE_SIGN_LENGTH);
        System.arraycopy(messageSign, 0, body, documentBytes.length, MESSAGE_SIGN_LENGTH);
        ContainerHeader container = ContainerHeader.of(document.code(), fnNumber, fd).sealed(body);
        return new OfdMessage(SessionHeader.of(fnNumber, container.length()), container, body);
    }

    /**
     * The OFD's answer to this message: the confirmation in a container addressed to the same FN,
     * echoing the register's session version and first service data as yandex/ofd's mock OFD does.
     */
    public OfdMessage answer(OperatorConfirmation confirmation) {
        byte[] body = confirmation.toDocument().toBytes();
        ContainerHeader header = new ContainerHeader(ContainerHeader.LENGTH, 0, ContainerHeader.MESSAGE_TYPE,
                FfdTag.OPERATOR_CONFIRMATION.number(), ContainerHeader.VERSION, container.serviceData1(),
                container.fnNumber(), confirmation.fdNumber(), new byte[12]).sealed(body);
        SessionHeader answerSession = new SessionHeader(session.applicationVersion(), session.fnNumber(),
                header.length(), SessionHeader.FLAGS_SEEN, 0);
        return new OfdMessage(answerSession, header, body);
    }

    public byte[] encode() {
        byte[] head = session.encode();
        byte[] containerHead = container.encode();
        byte[] all = Arrays.copyOf(head, head.length + containerHead.length + body.length);
        System.arraycopy(containerHead, 0, all, head.length, containerHead.length);
        System.arraycopy(body, 0, all, head.length + containerHead.length, body.length);
        return all;
    }

    /**
     * Reads a whole message and checks its framing and check code; the document inside is read
     * by {@link #document()}, so that a bad document can still be answered with code 11 for the
     * FN and FD number the container header names.
     */
    public static OfdMessage decode(byte[] bytes) {
        SessionHeader session = SessionHeader.decode(bytes);
        int expected = SessionHeader.LENGTH + session.bodyLength();
        if (bytes.length != expected) {
            throw new OfdFrameException(Problem.LENGTH_MISMATCH, "session header announces " + session.bodyLength()
                    + " bytes of body, message has " + (bytes.length - SessionHeader.LENGTH));
        }
        ContainerHeader container = ContainerHeader.decode(Arrays.copyOfRange(bytes, SessionHeader.LENGTH, bytes.length));
        if (container.length() != session.bodyLength()) {
            throw new OfdFrameException(Problem.LENGTH_MISMATCH, "container length " + container.length()
                    + " differs from the session's body length " + session.bodyLength());
        }
        byte[] body = Arrays.copyOfRange(bytes, SessionHeader.LENGTH + ContainerHeader.LENGTH, bytes.length);
        int crc = container.checkCode(body);
        if (crc != container.crc()) {
            throw new OfdFrameException(Problem.BAD_CRC, String.format("check code %04x, computed %04x", container.crc(), crc));
        }
        return new OfdMessage(session, container, body);
    }

    /** Reads one message from a stream: the session header, then as many bytes as it announces. */
    public static OfdMessage read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(SessionHeader.LENGTH);
        if (head.length < SessionHeader.LENGTH) {
            throw new EOFException("stream ended inside a session header");
        }
        SessionHeader session = SessionHeader.decode(head);
        byte[] rest = in.readNBytes(session.bodyLength());
        if (rest.length < session.bodyLength()) {
            throw new EOFException("stream ended " + (session.bodyLength() - rest.length) + " bytes before the message did");
        }
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return decode(all);
    }

    /**
     * The document the container carries.
     *
     * @throws TlvFormatException when the body does not start with a document TLV
     */
    public FiscalDocumentTlv document() {
        TlvReader reader = new TlvReader(body);
        if (!reader.hasNext()) {
            throw new TlvFormatException("empty container");
        }
        return FiscalDocumentTlv.of(reader.next());
    }

    /** The bytes after the document: the message's fiscal sign and whatever follows it. */
    public byte[] tail() {
        TlvReader reader = new TlvReader(body);
        if (reader.hasNext()) {
            reader.next();
        }
        return reader.remaining();
    }

    /** The FN's sign of the message (ФПС), the 8 bytes after the document, when present. */
    public Optional<byte[]> messageFiscalSign() {
        byte[] tail = tail();
        return tail.length >= MESSAGE_SIGN_LENGTH ? Optional.of(Arrays.copyOf(tail, MESSAGE_SIGN_LENGTH)) : Optional.empty();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OfdMessage that
                && session.equals(that.session) && container.equals(that.container) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * session.hashCode() + container.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OfdMessage[" + session + ", " + container + ", body=" + HexFormat.of().formatHex(body) + "]";
    }
}
