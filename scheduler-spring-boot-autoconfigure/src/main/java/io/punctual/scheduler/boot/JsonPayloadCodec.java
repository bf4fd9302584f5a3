package io.punctual.scheduler.boot;

import io.punctual.scheduler.PayloadCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payloads of dynamic jobs as JSON, written and read by the application's {@link JsonMapper}. A {@code String}, the
 * most common payload (an id), takes a short path: Jackson's own string quoting on the way in and, when the stored
 * text has no escapes, a plain substring on the way out (the same text the mapper would give, without a parser).
 */
class JsonPayloadCodec implements PayloadCodec {

    private final JsonMapper mapper;

    JsonPayloadCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String encode(Object payload) {
        if (payload instanceof String text) {
            if (needsNoEscape(text)) {
                return "\"" + text + "\""; // one string built, no buffer
            }
            StringBuilder json = new StringBuilder(text.length() + 2).append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, json);
            return json.append('"').toString();
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot write the payload " + payload.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        if (type == Void.class || text == null) {
            return null;
        }
        if (type == String.class && isPlainQuoted(text)) {
            return type.cast(text.substring(1, text.length() - 1));
        }
        try {
            return mapper.readValue(text, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot read the payload as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Whether JSON writes {@code text} between quotes as it is: no quote, backslash or control character. */
    private static boolean needsNoEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** A JSON string literal without escapes: its value is the text between the quotes. */
    private static boolean isPlainQuoted(String text) {
        int last = text.length() - 1;
        return last > 0 && text.charAt(0) == '"' && text.charAt(last) == '"' && text.indexOf('\\') < 0
                && text.indexOf('"', 1) == last;
    }
}
