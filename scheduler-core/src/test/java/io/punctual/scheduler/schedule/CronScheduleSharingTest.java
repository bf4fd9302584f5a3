package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jobs on one cron share its parsed schedule, and its answer for the fire after an instant. */
class CronScheduleSharingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anExpressionParsedAgainInTheSameZoneIsTheSameSchedule() {
        CronSchedule first = CronSchedule.parse("0 */5 * * * *", BERLIN);
        assertThat(CronSchedule.parse("0 */5 * * * *", BERLIN)).isSameAs(first);
        CronSchedule utc = CronSchedule.parse("0 */5 * * * *", ZoneOffset.UTC);
        assertThat(utc).isNotSameAs(first).isNotEqualTo(first);
        assertThat(utc.next(Instant.parse("2026-07-01T10:01:00Z"))).contains(Instant.parse("2026-07-01T10:05:00Z"));
        assertThat(first.next(Instant.parse("2026-07-01T10:01:00Z"))).contains(Instant.parse("2026-07-01T10:05:00Z"));
    }

    @Test
    void anInvalidExpressionIsRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> CronSchedule.parse("0 61 * * * *", BERLIN))
                    .isInstanceOf(InvalidScheduleException.class)
                    .hasMessageContaining("61");
        }
    }

    @Test
    void moreExpressionsThanKeptAreStillParsedRight() {
        List<CronSchedule> schedules = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            for (int second = 0; second < 30; second++) { // 1,800 distinct expressions: more than the cache keeps
                schedules.add(CronSchedule.parse(second + " " + minute + " * * * *", ZoneOffset.UTC));
            }
        }
        Instant after = Instant.parse("2026-01-01T00:00:00Z");
        for (int minute = 0; minute < 60; minute++) {
            for (int second = 0; second < 30; second++) {
                CronSchedule schedule = schedules.get(minute * 30 + second);
                Instant expected = after.plusSeconds(minute * 60L + second);
                if (!expected.isAfter(after)) {
                    expected = expected.plusSeconds(3600);
                }
                assertThat(schedule.next(after)).as(schedule.expression()).contains(expected);
                assertThat(CronSchedule.parse(schedule.expression(), ZoneOffset.UTC)).isEqualTo(schedule);
            }
        }
    }

    @Test
    void everyInstantOfOneSecondHasTheSameNextFireAndTheSecondBeforeItsOwn() {
        CronSchedule schedule = CronSchedule.parse("*/2 * * * * *", ZoneOffset.UTC); // even seconds
        Instant even = Instant.parse("2026-05-05T10:00:10Z");
        assertThat(schedule.next(even.minusNanos(1))).contains(even); // asked in second 9
        assertThat(schedule.next(even)).contains(even.plusSeconds(2)); // asked in second 10, from its start
        assertThat(schedule.next(even.plusMillis(500))).contains(even.plusSeconds(2));
        assertThat(schedule.next(even.plusSeconds(1).minusNanos(1))).contains(even.plusSeconds(2));
        assertThat(schedule.next(even.minusNanos(1))).contains(even);
        assertThat(schedule.first(even.plusNanos(1))).contains(even.plusSeconds(2));
        assertThat(schedule.first(even)).contains(even);
    }

    @Test
    void theFireAfterAnInstantIsAnsweredRightWhateverWasAskedBefore() {
        CronSchedule schedule = CronSchedule.parse("0 30 2 * * *", BERLIN); // fixed time; 2026-03-29 skips 02:00-03:00
        Instant beforeGap = Instant.parse("2026-03-28T12:00:00Z");
        Instant inJuly = Instant.parse("2026-07-01T12:00:00Z");
        Optional<Instant> atGapEnd = Optional.of(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST, the gap's end
        Optional<Instant> julyNext = Optional.of(Instant.parse("2026-07-02T00:30:00Z")); // 02:30 CEST
        for (int i = 0; i < 3; i++) { // the same question twice in a row, then another, then the first again
            assertThat(schedule.next(beforeGap)).isEqualTo(atGapEnd);
            assertThat(schedule.next(beforeGap)).isEqualTo(atGapEnd);
            assertThat(schedule.next(inJuly)).isEqualTo(julyNext);
        }
        assertThat(schedule.next(Instant.parse("2026-03-29T01:00:00Z"))).contains(Instant.parse("2026-03-30T00:30:00Z"));
    }
}
