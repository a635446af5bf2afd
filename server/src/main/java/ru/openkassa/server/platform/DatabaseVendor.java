package ru.openkassa.server.platform;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The database behind the application: PostgreSQL in production, H2 for the zero-setup demo.
 * The few SQL fragments that differ between them are asked for here, so that repositories
 * stay one class each.
 */
@Component
public class DatabaseVendor {

    private final boolean postgres;

    public DatabaseVendor(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** A bind parameter that holds a JSON document kept as sent (json in PostgreSQL, text in H2). */
    public String jsonParameter() {
        return postgres ? "cast(? as json)" : "?";
    }

    /**
     * The ON CONFLICT clause that ignores a row whose key is taken. H2 (PostgreSQL mode) knows only
     * the form without a conflict target, which there covers the same unique constraints.
     */
    public String onConflictDoNothing(String conflictColumns) {
        return postgres ? "on conflict (" + conflictColumns + ") do nothing" : "on conflict do nothing";
    }

    /** A query giving the next value of a sequence. */
    public String nextValue(String sequence) {
        return postgres ? "select nextval('" + sequence + "')" : "select next value for " + sequence;
    }

    /** Row locks that skip rows another transaction holds (PostgreSQL), or plain row locks (H2, one node). */
    public String forUpdateSkipLocked() {
        return postgres ? "for update skip locked" : "for update";
    }

    /** The column read back as JSON text. */
    public String jsonText(String column) {
        return postgres ? column + "::text" : column;
    }
}
