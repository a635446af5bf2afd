package ru.openkassa.server.receipts;

/**
 * Why a job failed, in the terms of the ATOL report: a numeric code, the error type
 * ({@code system}, {@code driver}, {@code timeout}, {@code unknown}) and a text a person can act on.
 */
public record JobError(int code, String type, String text) {

    /** ATOL's queue timeout: the receipt waited longer than the group's deadline. */
    public static final JobError QUEUE_TIMEOUT = new JobError(1, "timeout", "Превышено время ожидания чека в очереди");
}
