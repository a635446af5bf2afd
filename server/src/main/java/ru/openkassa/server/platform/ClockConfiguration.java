package ru.openkassa.server.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
public class ClockConfiguration {

    /** One clock for the application, so that tests can move time where they must. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
