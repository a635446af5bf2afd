package ru.openkassa.server.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser without the browser: cookies kept, redirects not followed (tests look at
 * them), and the CSRF token of the last page sent with every form, as the page's forms would.
 */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private String csrf;

    public ConsoleClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Page(int status, String body, String location) {

        /** Where a redirect points, without the scheme and host. */
        public String redirect() {
            return location == null ? null : location.replaceFirst("^https?://[^/]+", "");
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A binary answer (an image, a download) with the session's cookies: status and bytes. */
    public record Download(int status, String contentType, byte[] body) {
    }

    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form: names and values alternate; a name may repeat (checkboxes). */
    public Page post(String path, String... form) {
        StringJoiner body = new StringJoiner("&");
        if (csrf != null) {
            body.add("_csrf=" + encode(csrf));
        }
        for (int i = 0; i < form.length; i += 2) {
            body.add(encode(form[i]) + "=" + encode(form[i + 1]));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The CSRF token of the last page that had a form. */
    public String csrfToken() {
        return csrf;
    }

    /** Sends the next forms with this token instead, as a page kept open from before would. */
    public void useCsrfToken(String token) {
        csrf = token;
    }

    /** The session cookie's value, or null without a session. */
    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /**
     * Opens the login form and sends it, as a person would, and opens the page it leads to: the
     * login renews the CSRF token, so forms need a page from after it.
     */
    public Page login(String client, String user, String password) {
        get("/console/login");
        Page answer = post("/console/login", "client", client, "username", user, "password", password);
        if (answer.status() == 302) {
            get(answer.redirect());
        }
        return answer;
    }

    private Page send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
