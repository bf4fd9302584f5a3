package io.punctual.scheduler.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import static io.punctual.scheduler.schedule.CronFireTables.expected;
import static io.punctual.scheduler.schedule.CronFireTables.steps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vixie cron's rule, in 2026. Europe/Berlin: 02:00 CET becomes 03:00 CEST on 29 March (01:00Z), 03:00 CEST becomes
 * 02:00 CET on 25 October (01:00Z). America/New_York: 02:00 EST becomes 03:00 EDT on 8 March (07:00Z), 02:00 EDT
 * becomes 01:00 EST on 1 November (06:00Z). Australia/Lord_Howe shifts by 30 minutes: 02:00 (+11) becomes 01:30
 * (+10:30) on 5 April (4 April 15:00Z), 02:00 (+10:30) becomes 02:30 (+11) on 4 October (3 October 15:30Z).
 */
class CronScheduleDaylightSavingTest {

    @ParameterizedTest(name = "{0} {1} after {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 0 30 2 * * * | 2026-03-28T12:00:00Z | 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z 2026-03-31T00:30:00Z
            Europe/Berlin       | 30 2 * * *   | 2026-03-28T12:00:00Z | 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z 2026-03-31T00:30:00Z
            Europe/Berlin       | 0 0 2 * * *  | 2026-03-28T12:00:00Z | 2026-03-29T01:00:00Z 2026-03-30T00:00:00Z
            America/New_York    | 0 30 2 * * * | 2026-03-07T12:00:00Z | 2026-03-08T07:00:00Z 2026-03-09T06:30:00Z 2026-03-10T06:30:00Z
            America/New_York    | 59 59 2 * * *| 2026-03-07T12:00:00Z | 2026-03-08T07:00:00Z 2026-03-09T06:59:59Z
            Australia/Lord_Howe | 0 15 2 * * * | 2026-10-03T00:00:00Z | 2026-10-03T15:30:00Z 2026-10-04T15:15:00Z 2026-10-05T15:15:00Z
            Australia/Lord_Howe | 0 0 2 * * *  | 2026-10-03T00:00:00Z | 2026-10-03T15:30:00Z 2026-10-04T15:00:00Z
            """)
    void aFixedTimeCronSkippedByAGapFiresAtTheEndOfTheGap(String zone, String expression, String after, String fires) {
        assertThat(steps(expression, zone, after, expected(fires).size())).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} {1} after {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 0 30 2 * * * | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z 2026-10-27T01:30:00Z
            Europe/Berlin       | 0 30 2 * * * | 2026-10-25T00:10:00Z | 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z
            Europe/Berlin       | 0 30 2 * * * | 2026-10-25T00:40:00Z | 2026-10-26T01:30:00Z
            Europe/Berlin       | 0 30 2 * * * | 2026-10-25T01:10:00Z | 2026-10-26T01:30:00Z
            Europe/Berlin       | 0 10 2 * * * | 2026-10-25T00:55:00Z | 2026-10-26T01:10:00Z
            Europe/Berlin       | 0 30 2 * * * | 2026-10-25T00:30:00Z | 2026-10-26T01:30:00Z
            America/New_York    | 0 30 1 * * * | 2026-10-31T12:00:00Z | 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z 2026-11-03T06:30:00Z
            America/New_York    | 30 1 * * *   | 2026-10-31T12:00:00Z | 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z
            America/New_York    | 0 0 1 * * *  | 2026-11-01T05:30:00Z | 2026-11-02T06:00:00Z
            Australia/Lord_Howe | 0 45 1 * * * | 2026-04-04T00:00:00Z | 2026-04-04T14:45:00Z 2026-04-05T15:15:00Z 2026-04-06T15:15:00Z
            Australia/Lord_Howe | 0 30 1 * * * | 2026-04-04T00:00:00Z | 2026-04-04T14:30:00Z 2026-04-05T15:00:00Z
            Australia/Lord_Howe | 0 0 2 * * *  | 2026-04-04T00:00:00Z | 2026-04-04T15:30:00Z 2026-04-05T15:30:00Z
            """)
    void aFixedTimeCronRepeatedByAnOverlapFiresOnceAtTheFirstOccurrence(String zone, String expression, String after, String fires) {
        assertThat(steps(expression, zone, after, expected(fires).size())).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} {1} after {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 0 */15 * * * * | 2026-03-29T00:30:00Z | 2026-03-29T00:45:00Z 2026-03-29T01:00:00Z 2026-03-29T01:15:00Z
            Europe/Berlin       | 0 30 * * * *   | 2026-03-29T00:00:00Z | 2026-03-29T00:30:00Z 2026-03-29T01:30:00Z 2026-03-29T02:30:00Z
            Europe/Berlin       | 0 0/20 2 * * * | 2026-03-28T12:00:00Z | 2026-03-30T00:00:00Z 2026-03-30T00:20:00Z
            America/New_York    | 30 * * * *     | 2026-03-08T06:00:00Z | 2026-03-08T06:30:00Z 2026-03-08T07:30:00Z 2026-03-08T08:30:00Z
            America/New_York    | 0 30 2 * * 0-6 | 2026-03-07T12:00:00Z | 2026-03-08T07:00:00Z 2026-03-09T06:30:00Z
            Australia/Lord_Howe | 0 */15 * * * * | 2026-10-03T15:00:00Z | 2026-10-03T15:15:00Z 2026-10-03T15:30:00Z 2026-10-03T15:45:00Z
            Australia/Lord_Howe | 0 15 * * * *   | 2026-10-03T14:00:00Z | 2026-10-03T14:45:00Z 2026-10-03T16:15:00Z
            """)
    void aCronThatIsNotFixedTimeNeverFiresInAGap(String zone, String expression, String after, String fires) {
        assertThat(steps(expression, zone, after, expected(fires).size())).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} {1} after {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 0 */15 * * * * | 2026-10-25T00:30:00Z | 2026-10-25T00:45:00Z 2026-10-25T01:00:00Z 2026-10-25T01:15:00Z 2026-10-25T01:30:00Z 2026-10-25T01:45:00Z 2026-10-25T02:00:00Z
            Europe/Berlin       | 0 */15 * * * * | 2026-10-24T23:50:00Z | 2026-10-25T00:00:00Z 2026-10-25T00:15:00Z 2026-10-25T00:30:00Z 2026-10-25T00:45:00Z 2026-10-25T01:00:00Z 2026-10-25T01:15:00Z
            Europe/Berlin       | 0 30 * * * *   | 2026-10-24T23:00:00Z | 2026-10-24T23:30:00Z 2026-10-25T00:30:00Z 2026-10-25T01:30:00Z 2026-10-25T02:30:00Z
            Europe/Berlin       | 0 10,50 2 * * *| 2026-10-25T00:55:00Z | 2026-10-25T01:10:00Z 2026-10-25T01:50:00Z 2026-10-26T01:10:00Z
            Europe/Berlin       | 0 10,50 2 * * *| 2026-10-24T12:00:00Z | 2026-10-25T00:10:00Z 2026-10-25T00:50:00Z 2026-10-25T01:10:00Z 2026-10-25T01:50:00Z 2026-10-26T01:10:00Z
            America/New_York    | 0 30 * * * *   | 2026-11-01T04:00:00Z | 2026-11-01T04:30:00Z 2026-11-01T05:30:00Z 2026-11-01T06:30:00Z 2026-11-01T07:30:00Z
            America/New_York    | 0 0/20 1 * * * | 2026-11-01T04:00:00Z | 2026-11-01T05:00:00Z 2026-11-01T05:20:00Z 2026-11-01T05:40:00Z 2026-11-01T06:00:00Z 2026-11-01T06:20:00Z 2026-11-01T06:40:00Z 2026-11-02T06:00:00Z
            America/New_York    | 30 1-2 * * *   | 2026-11-01T05:45:00Z | 2026-11-01T06:30:00Z 2026-11-01T07:30:00Z 2026-11-02T06:30:00Z
            Australia/Lord_Howe | 0 */15 * * * * | 2026-04-04T14:20:00Z | 2026-04-04T14:30:00Z 2026-04-04T14:45:00Z 2026-04-04T15:00:00Z 2026-04-04T15:15:00Z 2026-04-04T15:30:00Z 2026-04-04T15:45:00Z
            Australia/Lord_Howe | 0 40 * * * *   | 2026-04-04T14:00:00Z | 2026-04-04T14:40:00Z 2026-04-04T15:10:00Z 2026-04-04T16:10:00Z
            """)
    void aCronThatIsNotFixedTimeFiresTwiceForATimeRepeatedByAnOverlap(String zone, String expression, String after, String fires) {
        assertThat(steps(expression, zone, after, expected(fires).size())).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 0 */7 * * * *
            Europe/Berlin       | 0 30 2 * * *
            Europe/Berlin       | 0 */13 0-4 * * *
            Europe/Berlin       | 0 0 2 * * *
            America/New_York    | 0 0/20 1 * * *
            America/New_York    | 0 30 1 * * *
            America/New_York    | 0 30 2 * * *
            Australia/Lord_Howe | 0 */10 1-2 * * *
            Australia/Lord_Howe | 0 45 1 * * *
            Australia/Lord_Howe | 0 15 2 * * *
            """)
    void firesAroundEveryTransitionOfTheYearAgreeWithAMinuteByMinuteReadingOfTheRule(String zone, String expression) {
        CronSchedule schedule = CronSchedule.parse(expression, ZoneId.of(zone));
        ZoneRules rules = ZoneId.of(zone).getRules();
        ExecutionTime wallClock = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53)).parse(expression));
        for (ZoneOffsetTransition t = rules.nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
                t.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z")); t = rules.nextTransition(t.getInstant())) {
            Instant from = t.getInstant().minus(Duration.ofHours(12));
            Instant to = t.getInstant().plus(Duration.ofHours(12));
            assertThat(fires(schedule, from, to))
                    .as("around %s", t)
                    .isEqualTo(oracle(wallClock, rules, schedule.isFixedTime(), from, to));
        }
    }

    private static List<Instant> fires(CronSchedule schedule, Instant from, Instant to) {
        List<Instant> fires = new ArrayList<>();
        for (Instant next = schedule.first(from).orElseThrow(); next.isBefore(to); next = schedule.next(next).orElseThrow()) {
            fires.add(next);
        }
        return fires;
    }

    /**
     * The rule read literally, one instant per minute (the crons above all fire at second 0): an instant fires when
     * its wall-clock time matches, except a repeat of a fixed time; a gap fires at its end for a fixed time in it.
     */
    private static List<Instant> oracle(ExecutionTime wallClock, ZoneRules rules, boolean fixedTime, Instant from, Instant to) {
        List<Instant> fires = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            LocalDateTime local = LocalDateTime.ofInstant(t, rules.getOffset(t));
            boolean matches = wallClock.isMatch(local.atZone(ZoneOffset.UTC));
            List<ZoneOffset> offsets = rules.getValidOffsets(local); // in an overlap: [earlier, later]
            boolean repeat = offsets.size() == 2 && rules.getOffset(t).equals(offsets.get(1));
            boolean endOfMatchingGap = false;
            ZoneOffsetTransition previous = rules.previousTransition(t.plusNanos(1));
            if (fixedTime && previous != null && previous.getInstant().equals(t) && previous.isGap()) {
                for (LocalDateTime g = previous.getDateTimeBefore(); g.isBefore(previous.getDateTimeAfter()); g = g.plusMinutes(1)) {
                    endOfMatchingGap |= wallClock.isMatch(g.atZone(ZoneOffset.UTC));
                }
            }
            if ((matches && !(fixedTime && repeat)) || endOfMatchingGap) {
                fires.add(t);
            }
        }
        return fires;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            Europe/Berlin       | 2026-10-25T00:00:00Z | 2026-10-25T02:00:00Z | 8
            America/New_York    | 2026-11-01T05:00:00Z | 2026-11-01T07:00:00Z | 8
            Australia/Lord_Howe | 2026-04-04T14:30:00Z | 2026-04-04T15:30:00Z | 4
            """)
    void everyInstantOfAnOverlapIsCountedOnceByAWildcardCron(String zone, String from, String to, int quarterHours) {
        List<String> fires = steps("0 */15 * * * *", zone, Instant.parse(from).minusSeconds(1).toString(), quarterHours);
        assertThat(fires).first().isEqualTo(Instant.parse(from).toString());
        assertThat(fires).doesNotHaveDuplicates().last().isEqualTo(Instant.parse(to).minusSeconds(900).toString());
    }
}
