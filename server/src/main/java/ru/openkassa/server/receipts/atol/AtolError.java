package ru.openkassa.server.receipts.atol;

import org.springframework.http.HttpStatus;

/** The service errors of the ATOL Online protocol: HTTP status, numeric code and text, as ATOL sends them. */
enum AtolError {
    MISSING_TOKEN(HttpStatus.UNAUTHORIZED, 10, "Токен не передан или не распознан. Передайте токен в заголовке Token"),
    EXPIRED_TOKEN(HttpStatus.UNAUTHORIZED, 11, "Срок действия переданного токена истёк. Запросите новый токен"),
    WRONG_LOGIN(HttpStatus.UNAUTHORIZED, 12, "Неверный логин или пароль"),
    GROUP_TOKEN_MISMATCH(HttpStatus.UNAUTHORIZED, 20, "Передан неверный код группы ККТ для этого токена"),
    MISSING_UUID(HttpStatus.BAD_REQUEST, 30, "Передан некорректный UUID или чек с таким UUID не найден"),
    OPERATION_NOT_SUPPORTED(HttpStatus.BAD_REQUEST, 31, "Передана некорректная операция"),
    VALIDATION(HttpStatus.BAD_REQUEST, 32, "Ошибка валидации входящего чека"),
    EXTERNAL_ID_EXISTS(HttpStatus.BAD_REQUEST, 33, "В системе существует чек с external_id : %s и group_code: %s"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, 40, "Некорректный запрос"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 41, "Передан некорректный Content-Type. Ожидается application/json"),
    SERVER_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, 50, "Ошибка конфигурации или внутренняя ошибка сервера");

    private final HttpStatus status;
    private final int code;
    private final String text;

    AtolError(HttpStatus status, int code, String text) {
        this.status = status;
        this.code = code;
        this.text = text;
    }

    HttpStatus status() {
        return status;
    }

    int code() {
        return code;
    }

    String text() {
        return text;
    }
}
