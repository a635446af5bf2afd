package ru.openkassa.server.fleet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;

/** Bearer tokens of the native APIs: the same API tokens as ATOL's getToken issues. */
@Component
public class ApiAuthentication {

    private final ApiTokens tokens;

    ApiAuthentication(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public ApiPrincipal principal(String authorization) {
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
