package ru.openkassa.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the test database, with the demo account:
 * tests drive it over real HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"openkassa.demo.seed=true", "openkassa.receipts.janitor-interval=1h",
                "logging.level.root=WARN", "logging.level.ru.openkassa=INFO",
                // every test logs in from 127.0.0.1: the per-address lockout has its own test
                "openkassa.console.max-failures-per-address=1000"})
@ContextConfiguration(initializers = TestDatabase.class)
public @interface ApiTest {
}
