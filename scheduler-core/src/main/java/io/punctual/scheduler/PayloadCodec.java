package io.punctual.scheduler;

/**
 * Turns payloads of dynamic jobs into text for the store and back. The Spring Boot starter supplies one
 * over the application's JSON mapper; plain Java gets {@link #strings()} unless it supplies its own.
 * Implementations must be thread-safe.
 */
public interface PayloadCodec {

    /** @throws IllegalArgumentException when the payload cannot be encoded */
    String encode(Object payload);

    /** @throws IllegalArgumentException when {@code text} no longer decodes to {@code type} */
    <T> T decode(String text, Class<T> type);

    /** A codec for {@code String} payloads (and null) only. */
    static PayloadCodec strings() {
        return new PayloadCodec() {
            @Override
            public String encode(Object payload) {
                if (payload == null || payload instanceof String) {
                    return (String) payload;
                }
                throw new IllegalArgumentException("payload of type " + payload.getClass().getName()
                        + " needs a PayloadCodec; the default codec accepts String payloads only");
            }

            @Override
            public <T> T decode(String text, Class<T> type) {
                if (text == null || type.isAssignableFrom(String.class)) {
                    return type.cast(text);
                }
                throw new IllegalArgumentException("cannot decode a payload into " + type.getName()
                        + " without a PayloadCodec; the default codec handles String payloads only");
            }
        };
    }
}
