package ru.openkassa.emulator.fn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One record of the drive's journal. Replaying them in order rebuilds the drive. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FnEntry.Activated.class, name = "activated"),
        @JsonSubTypes.Type(value = FnEntry.Formed.class, name = "formed"),
        @JsonSubTypes.Type(value = FnEntry.Confirmed.class, name = "confirmed")})
sealed interface FnEntry {

    /** The first record: which drive this directory is. */
    record Activated(String fnNumber, String expiresAt, String at) implements FnEntry {
    }

    /** A document the drive formed and signed; written before anyone hears of it. */
    record Formed(
            long fd,
            int type,
            String dateTime,
            long shift,
            long numberInShift,
            long fiscalSign,
            long totalKopecks,
            byte[] tlv) implements FnEntry {
    }

    /** The OFD's confirmation (квитанция) for a document: it is delivered. */
    record Confirmed(long fd, String at) implements FnEntry {
    }
}
