package io.punctual.scheduler.store.jpa;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdParametersTest {

    @Test
    void aListHasTheNextPowerOfTwoOfParameters() {
        assertThat(IdParameters.in(1)).isEqualTo("(:id0)");
        assertThat(IdParameters.in(2)).isEqualTo("(:id0, :id1)");
        assertThat(IdParameters.in(3)).isEqualTo("(:id0, :id1, :id2, :id3)");
        assertThat(IdParameters.in(5)).isEqualTo(IdParameters.in(8)).endsWith(", :id7)");
        assertThat(IdParameters.in(IdParameters.MAX)).endsWith(", :id1023)");
    }

    @Test
    void noListIsEmptyOrLongerThanTheMaximum() {
        assertThatThrownBy(() -> IdParameters.in(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThatThrownBy(() -> IdParameters.in(1025)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 1025");
    }

    @Test
    void longListsComeInChunksInTheirOrder() {
        List<Integer> ids = IntStream.range(0, 2500).boxed().toList();

        List<List<Integer>> chunks = IdParameters.chunks(ids);

        assertThat(chunks).extracting(List::size).containsExactly(1024, 1024, 452);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ids);
        assertThat(IdParameters.chunks(List.of())).isEmpty();
    }
}
