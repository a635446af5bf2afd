package ru.openkassa.server.platform.error;

/** A message for people, in Russian and English. */
public record LocalizedText(String ru, String en) {
}
