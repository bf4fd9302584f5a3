package io.punctual.scheduler.boot.actuate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers {@code POST /actuator/jobs/{id}} sent without a JSON content type (plain {@code curl -d} sends a form)
 * with the endpoint's JSON error body, naming the header to send, instead of a bare 415; and, with a
 * {@link BodyCheck}, a JSON body that is not an object or whose action is a list or an object with the same kind of
 * body, instead of Actuator's bare 400. Every other request passes untouched (a JSON body is read here once and
 * handed on as it came).
 */
class JobsEndpointContentTypeFilter extends OncePerRequestFilter {

    /** Judges a JSON body: null when the endpoint can read it, else the error to answer. */
    interface BodyCheck {
        EndpointError check(String id, byte[] body);
    }

    private final Supplier<String> endpointPath;
    private final BodyCheck bodyCheck;

    /** @param endpointPath the jobs endpoint's path, e.g. {@code /actuator/jobs} */
    JobsEndpointContentTypeFilter(Supplier<String> endpointPath) {
        this(endpointPath, null);
    }

    /** @param bodyCheck judges JSON bodies, or null to leave them to Actuator */
    JobsEndpointContentTypeFilter(Supplier<String> endpointPath, BodyCheck bodyCheck) {
        this.endpointPath = endpointPath;
        this.bodyCheck = bodyCheck;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String base = endpointPath.get();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return base == null || !"POST".equals(request.getMethod()) || !path.startsWith(base + "/")
                || (bodyCheck == null && isJson(request.getContentType()));
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
        if (!isJson(request.getContentType())) {
            write(response, EndpointError.notJson(id, request.getContentType()));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        EndpointError error = body.length == 0 ? null : bodyCheck.check(id, body);
        if (error != null) {
            write(response, error);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static void write(HttpServletResponse response, EndpointError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + error.status() + ",\"error\":" + json(error.error()) + ",\"message\":"
                + json(error.message()) + ",\"job\":" + json(error.job()) + ",\"allowed\":["
                + String.join(",", error.allowed().stream().map(JobsEndpointContentTypeFilter::json).toList()) + "]}");
    }

    /** The request with the body this filter has read, for Actuator to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("a body read by JobsEndpointContentTypeFilter is not read asynchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
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
