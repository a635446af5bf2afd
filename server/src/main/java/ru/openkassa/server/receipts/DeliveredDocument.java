package ru.openkassa.server.receipts;

/** A fiscal document the OFD confirmed, as the register's FN numbers it. */
public record DeliveredDocument(String fnNumber, long fdNumber) {
}
