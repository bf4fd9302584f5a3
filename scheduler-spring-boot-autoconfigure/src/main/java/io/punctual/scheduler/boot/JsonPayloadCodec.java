package io.punctual.scheduler.boot;

import io.punctual.scheduler.PayloadCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Payloads of dynamic jobs as JSON, written and read by the application's {@link JsonMapper}. */
class JsonPayloadCodec implements PayloadCodec {

    private final JsonMapper mapper;

    JsonPayloadCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String encode(Object payload) {
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
        try {
            return mapper.readValue(text, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot read the payload as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
