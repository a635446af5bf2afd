package ru.openkassa.server.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web console.
 *
 * @param sessionTimeout        a session idle longer than this ends; the next page asks to log in again
 * @param maxFailures           failed logins of one client and user before it is locked out for a while
 * @param maxFailuresPerAddress failed logins from one address (any user) before it is locked out
 * @param lockout               how long a lockout lasts; failures older than this are forgotten
 */
@ConfigurationProperties("openkassa.console")
public record ConsoleProperties(
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("5m") Duration lockout) {
}
