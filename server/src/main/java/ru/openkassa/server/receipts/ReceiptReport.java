package ru.openkassa.server.receipts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ATOL report body of a receipt: the same for GET report/{uuid} and for the callback. While a
 * receipt waits, ATOL answers with status "wait" and error 34. Delivery to the OFD is not in
 * ATOL's report (there "done" means only that the FN wrote it); it is added as a separate
 * {@code delivery} block that ATOL clients ignore.
 */
public final class ReceiptReport {

    /** How ATOL writes times in its answers (the merchants' zone). */
    public static final DateTimeFormatter ATOL_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    /** ATOL's "not ready yet": HTTP 200 with this error while the receipt waits. */
    public static final int NOT_READY_CODE = 34;
    public static final String NOT_READY_TEXT = "Состояние чека не найдено. Попробуйте позднее";
    private static final String FNS_SITE = "www.nalog.gov.ru";

    private ReceiptReport() {
    }

    public static Map<String, Object> of(FiscalJob job, ZoneId zone, OffsetDateTime now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", job.id().toString());
        switch (job.state()) {
            case ACCEPTED, DISPATCHED -> {
                body.put("status", "wait");
                body.put("error", error(NOT_READY_CODE, "system", NOT_READY_TEXT));
                body.put("payload", null);
            }
            case FAILED -> {
                JobError failure = job.error();
                body.put("status", "fail");
                body.put("error", failure == null ? error(0, "unknown", "Неизвестная ошибка")
                        : error(failure.code(), failure.type(), failure.text()));
                body.put("payload", null);
            }
            case FISCALIZED, DELIVERED -> {
                body.put("status", "done");
                body.put("error", null);
                body.put("payload", payload(job, zone));
            }
        }
        body.put("timestamp", format(now, zone));
        body.put("group_code", job.groupCode());
        body.put("daemon_code", "openkassa");
        body.put("device_code", job.registerId());
        body.put("external_id", job.externalId());
        body.put("callback_url", job.callbackUrl() == null ? "" : job.callbackUrl());
        body.put("warnings", job.warnings() == null ? null : Map.of("callback_url", job.warnings()));
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("state", job.state().name().toLowerCase());
        delivery.put("delivered", job.state() == JobState.DELIVERED);
        delivery.put("fiscalized_at", job.fiscalizedAt() == null ? null : format(job.fiscalizedAt(), zone));
        delivery.put("delivered_at", job.deliveredAt() == null ? null : format(job.deliveredAt(), zone));
        body.put("delivery", delivery);
        return body;
    }

    private static Map<String, Object> payload(FiscalJob job, ZoneId zone) {
        FiscalData fiscal = job.fiscal();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("total", BigDecimal.valueOf(job.totalKopecks(), 2));
        payload.put("fns_site", FNS_SITE);
        payload.put("fn_number", fiscal.fnNumber());
        payload.put("shift_number", fiscal.shiftNumber());
        // as the FN printed it: the register's local time
        payload.put("receipt_datetime", fiscal.dateTime().format(ATOL_TIME));
        payload.put("fiscal_receipt_number", fiscal.numberInShift());
        payload.put("fiscal_document_number", fiscal.fdNumber());
        payload.put("ecr_registration_number", fiscal.registrationNumber());
        payload.put("fiscal_document_attribute", fiscal.fiscalSign());
        payload.put("ofd_inn", fiscal.ofdInn());
        payload.put("ofd_receipt_url", null);
        return payload;
    }

    static String format(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).format(ATOL_TIME);
    }

    private static Map<String, Object> error(int code, String type, String text) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_id", UUID.randomUUID().toString());
        error.put("code", code);
        error.put("text", text);
        error.put("type", type);
        return error;
    }
}
