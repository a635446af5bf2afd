package ru.openkassa.server.receipts.api;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.receipts.auth.MerchantTokens;
import ru.openkassa.server.receipts.auth.TokenCheck;

/** The native API's bearer tokens: the same merchant tokens as ATOL's getToken issues. */
@Component
class NativeAuthentication {

    private final MerchantTokens tokens;

    NativeAuthentication(MerchantTokens tokens) {
        this.tokens = tokens;
    }

    ApiPrincipal principal(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return switch (tokens.check(token)) {
            case TokenCheck.Valid valid -> valid.principal();
            case TokenCheck.Expired expired -> throw new ApiException(HttpStatus.UNAUTHORIZED, ApiError.of("token_expired",
                    "Authorization", "Срок действия токена истёк, получите новый", "The token has expired, get a new one"));
            case TokenCheck.Missing missing -> throw new ApiException(HttpStatus.UNAUTHORIZED, ApiError.of("unauthorized",
                    "Authorization", "Нужен заголовок Authorization: Bearer <токен>",
                    "An Authorization: Bearer <token> header is required"));
        };
    }
}
