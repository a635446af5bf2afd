package ru.openkassa.server.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a request body with a hard size limit. Merchant bodies are read as bytes (not bound by
 * the framework) so that the reader in core can report every problem with its field path.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request, int limit) {
        try (InputStream in = request.getInputStream()) {
            return read(request.getContentLengthLong(), in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a declared length (-1: not declared) from a stream the caller closes. */
    public static byte[] read(long declared, InputStream in, int limit) {
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        try {
            // with a declared length the container delivers exactly that many bytes
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared : limit + 1);
            if (body.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for application/json with any parameters (charset), as ATOL clients send it. */
    public static boolean isJson(HttpServletRequest request) {
        return isJson(request.getContentType());
    }

    /** True for the Content-Type application/json with any parameters, or any +json type. */
    public static boolean isJson(String type) {
        if (type == null) {
            return false;
        }
        String base = type.split(";", 2)[0].trim().toLowerCase();
        return base.equals("application/json") || base.endsWith("+json");
    }
}
