package io.punctual.scheduler.boot;

import io.punctual.scheduler.PayloadCodec;

/**
 * The codec when the application has no Jackson {@code JsonMapper} bean: String payloads only, and an error
 * for any other payload that names what to add.
 */
final class StringPayloadCodec implements PayloadCodec {

    static final String HINT = "JSON payloads need a Jackson JsonMapper bean: add spring-boot-starter-jackson "
            + "(the Punctual starter brings it unless it was excluded), or define a PayloadCodec bean";

    private final PayloadCodec strings = PayloadCodec.strings();

    @Override
    public String encode(Object payload) {
        if (payload == null || payload instanceof String) {
            return strings.encode(payload);
        }
        throw new IllegalArgumentException("cannot store a payload of type " + payload.getClass().getName() + ": " + HINT);
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        if (text == null || type == Void.class || type.isAssignableFrom(String.class)) {
            return type == Void.class ? null : strings.decode(text, type);
        }
        throw new IllegalArgumentException("cannot read a payload as " + type.getName() + ": " + HINT);
    }
}
