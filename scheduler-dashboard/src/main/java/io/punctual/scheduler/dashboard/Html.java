package io.punctual.scheduler.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for text, attributes and query parameters: everything that comes from a job goes through here. */
final class Html {

    private Html() {
    }

    /** Text safe inside an element or a double- or single-quoted attribute; null becomes empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query parameter value, URL-encoded (then still to be escaped for the attribute it sits in). */
    static String param(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
