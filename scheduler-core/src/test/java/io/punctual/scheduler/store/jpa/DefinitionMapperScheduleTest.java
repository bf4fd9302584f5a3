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
    void instantsAreReadAsInstantParseReadsThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, T, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00.5Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            assertThat(DefinitionMapper.instant(instant.toString())).isEqualTo(instant);
        }
        // other forms Instant.parse takes: any number of fraction digits, a leap second, years beyond 9999, an offset,
        // the end of a day, a point without digits
        for (String text : List.of("2026-06-01T12:00:00.1Z", "2026-06-01T12:00:00.12Z", "2026-06-01T12:00:00.1234Z",
                "2026-06-01T12:00:00.12345678Z", "2016-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2026-06-01T12:00:00+02:00", "2026-06-01T24:00:00Z", "2026-06-01T12:00:00.Z")) {
            assertThat(DefinitionMapper.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        // what it refuses, it refuses as Instant.parse does
        for (String text : List.of("2026-02-30T12:00:00Z", "2026-13-01T12:00:00Z", "2026-06-01T12:00:00.1234567890Z", "2026-06-01 12:00:00Z", "2026-0a-01T12:00:00Z", "")) {
            assertThatThrownBy(() -> DefinitionMapper.instant(text)).as(text).isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    @Test
    void durationsAreReadAsDurationParseReadsThem() {
        for (String text : List.of("PT0S", "PT1M", "PT1.5S", "PT2.000000005S", "P2DT3H", "-PT5S", "PT0.25S")) {
            assertThat(DefinitionMapper.duration(text)).isEqualTo(Duration.parse(text));
            assertThat(DefinitionMapper.duration(text)).isEqualTo(Duration.parse(text)); // kept
        }
        assertThatThrownBy(() -> DefinitionMapper.duration("1 minute")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    @Test
    void aKindTheStoreDoesNotKnowIsNamed() {
        ScheduleColumns columns = new ScheduleColumns("hourly", "PT1H", null, null, null);
        assertThatThrownBy(() -> DefinitionMapper.schedule(columns))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store holds a job of unknown schedule kind 'hourly'; allowed: cron, fixedRate, fixedDelay, at");
    }
}
