package io.punctual.scheduler.dashboard;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for tests: real requests, cookies kept, redirects not followed, optional basic auth. */
public final class Http {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String authorization;

    public Http(int port) {
        this.port = port;
    }

    /** Sends basic authentication with every further request. */
    public Http as(String user, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(builder(path).GET());
    }

    /** Posts an HTML form. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts an HTML form with extra headers. */
    public HttpResponse<String> post(String path, Map<String, String> form, String header, String value) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The CSRF token of the first form in a page. */
    public static String csrf(String html) {
        Matcher input = CSRF_INPUT.matcher(html);
        Matcher m = input.find() ? VALUE.matcher(input.group()) : null;
        if (m == null || !m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** An ordered map of form fields: {@code form("action", "pause", "id", "x")}. */
    public static Map<String, String> form(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
