package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code schedule_kind} column keeps the words it always held, whatever type the kind is in Java. */
class DefinitionMapperScheduleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachKindIsStoredAsItsWordAndReadBackEqual() {
        List<Schedule> schedules = List.of(Schedule.cron("0 */5 * * * *", ZoneId.of("Europe/Berlin")),
                Schedule.fixedRate(Duration.ofSeconds(10)), Schedule.fixedDelay(Duration.ofMinutes(2)), Schedule.at(T),
                Schedule.fixedRate(Duration.ofSeconds(10)).between(T, T.plusSeconds(3600)));
        List<String> words = schedules.stream().map(s -> DefinitionMapper.schedule(s).kind).toList();

        assertThat(words).containsExactly("cron", "fixedRate", "fixedDelay", "at", "fixedRate");
        for (Schedule s : schedules) {
            assertThat(DefinitionMapper.schedule(DefinitionMapper.schedule(s))).isEqualTo(s);
        }
    }

    @Test
    void aKindTheStoreDoesNotKnowIsNamed() {
        ScheduleColumns columns = new ScheduleColumns("hourly", "PT1H", null, null, null);
        assertThatThrownBy(() -> DefinitionMapper.schedule(columns))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store holds a job of unknown schedule kind 'hourly'; allowed: cron, fixedRate, fixedDelay, at");
    }
}
