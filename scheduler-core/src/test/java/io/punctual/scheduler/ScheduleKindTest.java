package io.punctual.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleKindTest {

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void everyKindComesBackFromItsWord(ScheduleKind kind) {
        assertThat(ScheduleKind.fromWord(kind.word())).isSameAs(kind);
    }

    /** The words are what the JPA store's {@code schedule_kind} column holds: they must not change. */
    @Test
    void theWordsAreTheAttributeNames() {
        assertThat(Arrays.stream(ScheduleKind.values()).map(ScheduleKind::word))
                .containsExactly("cron", "fixedRate", "fixedDelay", "at");
        assertThat(ScheduleKind.allowed()).isEqualTo("cron, fixedRate, fixedDelay, at");
    }

    @Test
    void eachScheduleHasItsKindAndAWindowKeepsIt() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Schedule.cron("0 0 * * * *", ZoneId.of("UTC")).kind()).isEqualTo(ScheduleKind.CRON);
        assertThat(Schedule.fixedRate(Duration.ofSeconds(10)).kind()).isEqualTo(ScheduleKind.FIXED_RATE);
        assertThat(Schedule.fixedDelay(Duration.ofSeconds(10)).kind()).isEqualTo(ScheduleKind.FIXED_DELAY);
        assertThat(Schedule.at(t).kind()).isEqualTo(ScheduleKind.AT);
        assertThat(Schedule.fixedRate(Duration.ofSeconds(10)).between(t, t.plusSeconds(60)).kind())
                .isEqualTo(ScheduleKind.FIXED_RATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hourly", "FIXED_RATE", "fixedrate", " at", ""})
    void anUnknownWordIsNamedWithTheAllowedOnes(String word) {
        assertThatThrownBy(() -> ScheduleKind.fromWord(word))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown schedule kind '" + word + "'; allowed: cron, fixedRate, fixedDelay, at");
    }

    @Test
    void noWordIsNotAKind() {
        assertThatThrownBy(() -> ScheduleKind.fromWord(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown schedule kind null; allowed: cron, fixedRate, fixedDelay, at");
    }
}
