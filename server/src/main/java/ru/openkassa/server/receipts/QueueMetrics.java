package ru.openkassa.server.receipts;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Queue depth per state as gauges, refreshed on a timer so that a scrape never counts rows. */
@Component
class QueueMetrics {

    private final FiscalJobRepository jobs;
    private final Map<JobState, AtomicLong> depth = new EnumMap<>(JobState.class);

    QueueMetrics(FiscalJobRepository jobs, MeterRegistry meters) {
        this.jobs = jobs;
        for (JobState state : new JobState[] {JobState.ACCEPTED, JobState.DISPATCHED, JobState.FISCALIZED}) {
            AtomicLong value = new AtomicLong();
            depth.put(state, value);
            Gauge.builder("openkassa.queue.depth", value, AtomicLong::get)
                    .tag("state", state.name().toLowerCase())
                    .description("Jobs in the queue per state")
                    .register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${openkassa.receipts.queue-metrics-interval:15s}")
    void refresh() {
        jobs.countByState().forEach((state, count) -> {
            AtomicLong value = depth.get(state);
            if (value != null) {
                value.set(count);
            }
        });
    }
}
