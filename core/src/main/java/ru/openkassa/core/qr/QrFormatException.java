package ru.openkassa.core.qr;

/** A receipt QR string that cannot be read; the message names the key and what is wrong with it. */
public class QrFormatException extends IllegalArgumentException {

    public QrFormatException(String message) {
        super(message);
    }
}
