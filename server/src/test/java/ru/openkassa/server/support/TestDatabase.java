package ru.openkassa.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points the tests at PostgreSQL when one is reachable (CI always has it: OPENKASSA_TEST_DB_URL)
 * and at an in-memory H2 otherwise. The PostgreSQL schema is wiped once per test JVM, so every
 * run starts from the migrations.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String URL = env("OPENKASSA_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/openkassa_test");
    private static final String USER = env("OPENKASSA_TEST_DB_USER", "postgres");
    private static final String PASSWORD = env("OPENKASSA_TEST_DB_PASSWORD", "");
    private static final String H2_URL = "jdbc:h2:mem:openkassa-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static Boolean postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new java.util.HashMap<>(isPostgres()
                ? Map.of("spring.datasource.url", URL, "spring.datasource.username", USER,
                        "spring.datasource.password", PASSWORD)
                : Map.of("spring.datasource.url", H2_URL, "spring.datasource.username", "sa",
                        "spring.datasource.password", ""));
        // The test JVM keeps several application contexts alive (one per configuration) and a
        // pool keeps its connections open: small pools that shrink when idle stay well below
        // PostgreSQL's max_connections (100) however many contexts there are.
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", properties));
    }

    public static synchronized boolean isPostgres() {
        if (postgres == null) {
            postgres = resetPostgres();
        }
        return postgres;
    }

    public static String url() {
        return isPostgres() ? URL : H2_URL;
    }

    /** A connection of its own to the tests' PostgreSQL, outside any application context's pool. */
    public static Connection connectToPostgres() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static boolean resetPostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists public cascade");
            statement.execute("create schema public");
            return true;
        } catch (SQLException e) {
            if (System.getenv("OPENKASSA_TEST_DB_URL") != null) {
                // CI asked for PostgreSQL explicitly: silently falling back to H2 would hide that
                throw new IllegalStateException("OPENKASSA_TEST_DB_URL is set but not reachable: " + URL, e);
            }
            System.err.println("PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "): tests use H2");
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
