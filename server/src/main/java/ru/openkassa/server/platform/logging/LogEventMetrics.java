package ru.openkassa.server.platform.logging;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the log events written, by level, as {@code logback.events} (the name and tag of
 * Micrometer's LogbackMetrics, which application.yml turns off). Micrometer counts in a logback
 * turbo filter, and logback asks every turbo filter at every {@code isDebugEnabled()} too: Jetty
 * asks that several times per request, which made the filter about 2 % of the receipt intake's CPU
 * (bench/intake.sh). An appender on the root logger sees only the events that are written.
 */
@Component
class LogEventMetrics implements DisposableBean {

    private final Logger root;
    private final CountingAppender appender;

    LogEventMetrics(MeterRegistry meters) {
        this.root = LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : null;
        this.appender = new CountingAppender(meters);
        if (root != null) {
            appender.setContext(root.getLoggerContext());
            appender.setName("openkassa-log-event-metrics");
            appender.start();
            root.addAppender(appender);
        }
    }

    @Override
    public void destroy() {
        if (root != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    private static final class CountingAppender extends AppenderBase<ILoggingEvent> {
        private final Counter error;
        private final Counter warn;
        private final Counter info;
        private final Counter debug;
        private final Counter trace;

        CountingAppender(MeterRegistry meters) {
            error = counter(meters, "error");
            warn = counter(meters, "warn");
            info = counter(meters, "info");
            debug = counter(meters, "debug");
            trace = counter(meters, "trace");
        }

        private static Counter counter(MeterRegistry meters, String level) {
            return Counter.builder("logback.events").tag("level", level)
                    .description("Number of log events written, by level").baseUnit("events").register(meters);
        }

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                default -> trace.increment();
            }
        }
    }
}
