package ru.openkassa.server.receipts.atol;

import java.util.Map;

import org.springframework.http.ResponseEntity;

/** An answer of the ATOL protocol: the HTTP status and the JSON body. */
record AtolAnswer(int status, Map<String, Object> body) {

    ResponseEntity<Map<String, Object>> entity() {
        return ResponseEntity.status(status).body(body);
    }
}
