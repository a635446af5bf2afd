package ru.openkassa.server.receipts;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the receipts feature.
 *
 * @param merchantZone   zone of the ATOL {@code timestamp} field (stores send Moscow time)
 * @param maxBodyBytes   largest request body accepted
 * @param janitorInterval how often expired waiting jobs are failed
 * @param queueMetricsInterval how often the queue depth gauges are refreshed
 * @param lease          how long a register has to ack a receipt it was given before it goes back to the queue
 * @param vacuum         when the server vacuums the queue tables itself (PostgreSQL only)
 * @param vacuumInterval how often it looks at their dead row versions
 * @param vacuumDeadRows how many dead versions make a table due (V18's autovacuum threshold)
 */
@ConfigurationProperties("openkassa.receipts")
public record ReceiptsProperties(
        @DefaultValue("Europe/Moscow") ZoneId merchantZone,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("5s") Duration janitorInterval,
        @DefaultValue("15s") Duration queueMetricsInterval,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("when-autovacuum-off") Vacuum vacuum,
        @DefaultValue("10s") Duration vacuumInterval,
        @DefaultValue("20000") long vacuumDeadRows) {

    /** When the server vacuums its queue tables itself. */
    public enum Vacuum {
        /** only while the cluster's {@code autovacuum} setting is off: then nothing else does */
        WHEN_AUTOVACUUM_OFF,
        /** beside autovacuum too (one that falls behind the queue) */
        ALWAYS,
        NEVER
    }
}
