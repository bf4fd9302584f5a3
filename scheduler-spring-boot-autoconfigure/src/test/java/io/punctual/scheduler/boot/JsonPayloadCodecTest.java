package io.punctual.scheduler.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A String payload takes a short path; it must give exactly what the mapper gives, both ways. */
class JsonPayloadCodecTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final JsonPayloadCodec codec = new JsonPayloadCodec(mapper);

    @ParameterizedTest
    @ValueSource(strings = {"", "order-42", "say \"hi\"", "back\\slash", "tab\tnew\nline", "\u0001control", "ünïcödé €",
            "emoji \uD83D\uDE00", "</script>", "\"", "\\", "del \u007F", "line \u2028 sep", "a/b"})
    void aStringPayloadIsWrittenAsTheMapperWritesItAndReadBackUnchanged(String payload) {
        String encoded = codec.encode(payload);
        assertThat(encoded).isEqualTo(mapper.writeValueAsString(payload));
        assertThat(codec.decode(encoded, String.class)).isEqualTo(payload);
    }

    @Test
    void storedJsonThatIsNotAPlainStringGoesThroughTheMapper() {
        assertThat(codec.decode("\"a\\u0041\"", String.class)).isEqualTo("aA");
        assertThat(codec.decode("  \"padded\"  ", String.class)).isEqualTo("padded");
        assertThat(codec.decode("42", String.class)).isEqualTo("42");
        assertThatThrownBy(() -> codec.decode("\"a\" \"b\"", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the payload as java.lang.String");
    }

    @Test
    void otherPayloadsGoThroughTheMapper() {
        String encoded = codec.encode(Map.of("id", 7));
        assertThat(encoded).isEqualTo("{\"id\":7}");
        assertThat(codec.decode(encoded, Map.class)).isEqualTo(Map.of("id", 7));
        assertThat(codec.decode(null, String.class)).isNull();
        assertThat(codec.decode("\"x\"", Void.class)).isNull();
    }
}
