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
 */
@ConfigurationProperties("openkassa.receipts")
public record ReceiptsProperties(
        @DefaultValue("Europe/Moscow") ZoneId merchantZone,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("5s") Duration janitorInterval,
        @DefaultValue("15s") Duration queueMetricsInterval,
        @DefaultValue("15s") Duration lease) {
}
