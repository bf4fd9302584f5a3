package io.punctual.scheduler.boot.actuate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers {@code POST /actuator/jobs/{id}} sent without a JSON content type (plain {@code curl -d} sends a form)
 * with the endpoint's JSON error body, naming the header to send, instead of a bare 415. Every other request
 * passes untouched.
 */
class JobsEndpointContentTypeFilter extends OncePerRequestFilter {

    private final Supplier<String> endpointPath;

    /** @param endpointPath the jobs endpoint's path, e.g. {@code /actuator/jobs} */
    JobsEndpointContentTypeFilter(Supplier<String> endpointPath) {
        this.endpointPath = endpointPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String base = endpointPath.get();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return base == null || !"POST".equals(request.getMethod()) || !path.startsWith(base + "/") || isJson(request.getContentType());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String id = path.substring(endpointPath.get().length() + 1);
        EndpointError error = EndpointError.notJson(id, request.getContentType());
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + error.status() + ",\"error\":" + json(error.error()) + ",\"message\":"
                + json(error.message()) + ",\"job\":" + json(error.job()) + ",\"allowed\":["
                + String.join(",", error.allowed().stream().map(JobsEndpointContentTypeFilter::json).toList()) + "]}");
    }

    static String json(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
