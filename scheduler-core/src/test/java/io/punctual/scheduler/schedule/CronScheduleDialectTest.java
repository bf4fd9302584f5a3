package io.punctual.scheduler.schedule;

import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.punctual.scheduler.schedule.CronFireTables.expected;
import static io.punctual.scheduler.schedule.CronFireTables.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CronScheduleDialectTest {

    // 2026-01-01 is a Thursday; February and March 2026 both start on a Sunday.
    @ParameterizedTest(name = "{0} fires at {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            */15 * * * *        | 2026-01-01T00:15:00Z 2026-01-01T00:30:00Z 2026-01-01T00:45:00Z
            30 9 * * MON-FRI    | 2026-01-01T09:30:00Z 2026-01-02T09:30:00Z 2026-01-05T09:30:00Z
            0 12 1 jan,jul *    | 2026-01-01T12:00:00Z 2026-07-01T12:00:00Z 2027-01-01T12:00:00Z
            0 0 13 * 5          | 2026-01-02T00:00:00Z 2026-01-09T00:00:00Z 2026-01-13T00:00:00Z
            0 0 * * 7           | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 0 * * sun         | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 22 * * 1-5        | 2026-01-01T22:00:00Z 2026-01-02T22:00:00Z 2026-01-05T22:00:00Z
            0 0 1 */4 *         | 2026-05-01T00:00:00Z 2026-09-01T00:00:00Z 2027-01-01T00:00:00Z
            """)
    void aFiveFieldCronIsUnixWithMinuteFirstAndEitherDayFieldMatching(String expression, String fires) {
        assertThat(steps(expression, "UTC", "2026-01-01T00:00:00Z", 3)).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} fires at {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 */15 * * * *          | 2026-01-01T00:15:00Z 2026-01-01T00:30:00Z 2026-01-01T00:45:00Z
            */20 * * * * *          | 2026-01-01T00:00:20Z 2026-01-01T00:00:40Z 2026-01-01T00:01:00Z
            0 0 9-17/4 * * MON-FRI  | 2026-01-01T09:00:00Z 2026-01-01T13:00:00Z 2026-01-01T17:00:00Z
            0 0 0 13 * FRI          | 2026-02-13T00:00:00Z 2026-03-13T00:00:00Z 2026-11-13T00:00:00Z
            0 0 12 ? JAN-MAR SAT,SUN| 2026-01-03T12:00:00Z 2026-01-04T12:00:00Z 2026-01-10T12:00:00Z
            0 30 8 1 jan,jun ?      | 2026-01-01T08:30:00Z 2026-06-01T08:30:00Z 2027-01-01T08:30:00Z
            0 0 0 L * *             | 2026-01-31T00:00:00Z 2026-02-28T00:00:00Z 2026-03-31T00:00:00Z
            0 0 0 L-3 * ?           | 2026-01-28T00:00:00Z 2026-02-25T00:00:00Z 2026-03-28T00:00:00Z
            0 0 0 15W * ?           | 2026-01-15T00:00:00Z 2026-02-16T00:00:00Z 2026-03-16T00:00:00Z
            0 0 0 LW * ?            | 2026-01-30T00:00:00Z 2026-02-27T00:00:00Z 2026-03-31T00:00:00Z
            0 0 0 ? * MON#2         | 2026-01-12T00:00:00Z 2026-02-09T00:00:00Z 2026-03-09T00:00:00Z
            0 0 0 ? * 5L            | 2026-01-30T00:00:00Z 2026-02-27T00:00:00Z 2026-03-27T00:00:00Z
            0 0 0 ? * 0             | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 0 0 ? * 7             | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 0 0 ? * */2           | 2026-01-02T00:00:00Z 2026-01-04T00:00:00Z 2026-01-05T00:00:00Z
            """)
    void aSixFieldCronIsSpringWithSecondsFirstAndBothDayFieldsMatching(String expression, String fires) {
        assertThat(steps(expression, "UTC", "2026-01-01T00:00:00Z", 3)).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} fires at {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 0 12 ? * MON-FRI 2026       | 2026-01-01T12:00:00Z 2026-01-02T12:00:00Z 2026-01-05T12:00:00Z
            0 15 10 ? * 6L 2026-2027      | 2026-01-30T10:15:00Z 2026-02-27T10:15:00Z 2026-03-27T10:15:00Z
            0 0 0 L * ? *                 | 2026-01-31T00:00:00Z 2026-02-28T00:00:00Z 2026-03-31T00:00:00Z
            0 0 0 ? * 2#1 *               | 2026-01-05T00:00:00Z 2026-02-02T00:00:00Z 2026-03-02T00:00:00Z
            0 0 0 ? * 1 *                 | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 0 0 ? * sun *               | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            0 0 0 1W * ? *                | 2026-02-02T00:00:00Z 2026-03-02T00:00:00Z 2026-04-01T00:00:00Z
            0 0 0 ? * */2 *               | 2026-01-03T00:00:00Z 2026-01-04T00:00:00Z 2026-01-06T00:00:00Z
            0 0 0 ? * L *                 | 2026-01-03T00:00:00Z 2026-01-10T00:00:00Z 2026-01-17T00:00:00Z
            0 0 0 ? * 6#5 *               | 2026-01-30T00:00:00Z 2026-05-29T00:00:00Z 2026-07-31T00:00:00Z
            0 0 0 1 1 ? 2030-2031         | 2030-01-01T00:00:00Z 2031-01-01T00:00:00Z none
            0 0 0 1 1 ? 2026              | none
            """)
    void aSevenFieldCronIsQuartzWithAYearField(String expression, String fires) {
        assertThat(steps(expression, "UTC", "2026-01-01T00:00:00Z", 3)).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} after {1} fires at {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 0 0 31W * ?    | 2036-07-31T00:00:00Z | 2036-08-29T00:00:00Z 2036-10-31T00:00:00Z 2036-12-31T00:00:00Z
            0 0 0 30W * ?    | 2035-08-30T12:00:00Z | 2035-09-28T00:00:00Z 2035-10-30T00:00:00Z 2035-11-30T00:00:00Z
            0 0 0 29W * ? *  | 2060-01-29T00:00:00Z | 2060-02-27T00:00:00Z 2060-03-29T00:00:00Z 2060-04-29T00:00:00Z
            0 0 0 28W * ?    | 2055-01-28T00:00:00Z | 2055-02-26T00:00:00Z 2055-03-29T00:00:00Z
            0 0 0 29W * ?    | 2026-01-30T00:00:00Z | 2026-03-30T00:00:00Z 2026-04-29T00:00:00Z 2026-05-29T00:00:00Z
            0 0 0,12 1W * ?  | 2026-07-15T00:00:00Z | 2026-08-03T00:00:00Z 2026-08-03T12:00:00Z 2026-09-01T00:00:00Z
            0 0 0 1W * ? *   | 2026-07-15T00:00:00Z | 2026-08-03T00:00:00Z 2026-09-01T00:00:00Z 2026-10-01T00:00:00Z
            0 0 6 31W * ?    | 2036-08-29T06:00:00Z | 2036-10-31T06:00:00Z
            0 0 6,18 31W * ? | 2036-08-29T06:00:00Z | 2036-08-29T18:00:00Z 2036-10-31T06:00:00Z
            """)
    void nWFiresOnTheWeekdayNearestToDayNWithinItsMonthAndSkipsMonthsWithoutDayN(String expression, String after, String fires) {
        assertThat(steps(expression, "UTC", after, expected(fires).size())).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} fires at {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            @yearly   | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z
            @annually | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z
            @monthly  | 2026-02-01T00:00:00Z 2026-03-01T00:00:00Z
            @weekly   | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z
            @daily    | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z
            @midnight | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z
            @hourly   | 2026-01-01T01:00:00Z 2026-01-01T02:00:00Z
            @DAILY    | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z
            """)
    void aMacroStandsForItsUsualTime(String macro, String fires) {
        assertThat(steps(macro, "UTC", "2026-01-01T00:00:00Z", 2)).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 0 9 * * *      | Asia/Tokyo       | 2026-01-01T00:00:00Z | 2026-01-02T00:00:00Z
            0 9 * * *        | Asia/Tokyo       | 2026-01-01T00:00:00Z | 2026-01-02T00:00:00Z
            0 0 9 * * *      | America/New_York | 2026-01-01T00:00:00Z | 2026-01-01T14:00:00Z
            0 0 9 * * *      | America/New_York | 2026-07-01T00:00:00Z | 2026-07-01T13:00:00Z
            """)
    void theExpressionIsReadInTheZonesWallClock(String expression, String zone, String after, String fire) {
        assertThat(steps(expression, zone, after, 1)).containsExactly(fire);
    }

    @ParameterizedTest(name = "{0} is fixed-time: {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 30 2 * * *       | true
            30 2 * * *         | true
            0 30 2 ? * * 2030  | true
            @daily             | true
            @yearly            | true
            @hourly            | false
            0 30 * * * *       | false
            0 0/30 2 * * *     | false
            0 30 1-2 * * *     | false
            0,30 30 2 * * *    | false
            30 */2 * * *       | false
            """)
    void aCronIsFixedTimeWhenSecondMinuteAndHourAreSingleValues(String expression, boolean fixedTime) {
        assertThat(CronSchedule.parse(expression, ZoneOffset.UTC).isFixedTime()).isEqualTo(fixedTime);
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 0 12 * * *     | 2026-01-01T11:00:00Z
            0 30 2 * * *     | 2026-03-29T01:00:00Z
            0 */15 * * * *   | 2026-10-25T01:15:00Z
            """)
    void firstReturnsTheStartWhenItIsAFire(String expression, String start) {
        CronSchedule schedule = CronSchedule.parse(expression, ZoneId.of("Europe/Berlin"));
        assertThat(schedule.first(Instant.parse(start))).contains(Instant.parse(start));
        assertThat(schedule.next(Instant.parse(start))).get().isNotEqualTo(Instant.parse(start));
    }

    @Test
    void firstReturnsTheNextFireWhenTheStartIsBetweenFires() {
        CronSchedule schedule = CronSchedule.parse("0 0 12 * * *", ZoneOffset.UTC);
        assertThat(schedule.first(Instant.parse("2026-01-01T12:00:00.001Z"))).contains(Instant.parse("2026-01-02T12:00:00Z"));
    }

    @Test
    void nextIsStrictlyAfterEvenWithinTheSameSecond() {
        CronSchedule schedule = CronSchedule.parse("* * * * * *", ZoneOffset.UTC);
        assertThat(schedule.next(Instant.parse("2026-01-01T00:00:00.500Z"))).contains(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(schedule.next(Instant.parse("2026-01-01T00:00:00Z"))).contains(Instant.parse("2026-01-01T00:00:01Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 0 0 30 2 *       | UTC           | none
            0 0 30 2 *         | Europe/Berlin | none
            0 0 0 31 4,6,9,11 ?| Europe/Berlin | none
            0 0 0 30W 2 ?      | Europe/Berlin | none
            0 0 0 ? 2 MON#5    | UTC           | 2044-02-29T00:00:00Z 2072-02-29T00:00:00Z
            0 0 0 29 2 MON     | UTC           | 2044-02-29T00:00:00Z 2072-02-29T00:00:00Z
            0 0 0 29 2 MON     | Europe/Berlin | 2044-02-28T23:00:00Z 2072-02-28T23:00:00Z
            """)
    void aCronThatRarelyOrNeverMatchesAnswersQuickly(String expression, String zone, String fires) {
        List<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> steps(expression, zone, "2026-01-01T00:00:00Z", 2));
        assertThat(answer).isEqualTo(expected(fires));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            * * * * * *        | +1000000000-12-31T23:59:59Z
            0 0 0 * * ? *      | 2099-12-31T00:00:00Z
            """)
    void thereIsNoFireBeyondTheLastYearACronOrJavaTimeCanReach(String expression, String after) {
        assertThat(CronSchedule.parse(expression, ZoneId.of("Europe/Berlin")).next(Instant.parse(after))).isEmpty();
    }

    @Test
    void describesItselfAsWrittenAndIsEqualByExpressionAndZone() {
        CronSchedule schedule = CronSchedule.parse("  0 */5  * * * *  ", ZoneId.of("Europe/Berlin"));
        assertThat(schedule.description()).isEqualTo("cron 0 */5  * * * *");
        assertThat(schedule.kind()).isEqualTo(ScheduleKind.CRON);
        assertThat(schedule.zone()).contains(ZoneId.of("Europe/Berlin"));
        assertThat(schedule).isEqualTo(Schedule.cron("0 */5  * * * *", ZoneId.of("Europe/Berlin")))
                .hasSameHashCodeAs(Schedule.cron("0 */5  * * * *", ZoneId.of("Europe/Berlin")))
                .isNotEqualTo(Schedule.cron("0 */5  * * * *", ZoneOffset.UTC))
                .isNotEqualTo(Schedule.cron("0 */5 * * * *", ZoneId.of("Europe/Berlin")));
        assertThat(schedule.toString()).contains("0 */5  * * * *", "Europe/Berlin");
    }

    @Test
    void whitespaceBetweenFieldsMayBeAnyRun() {
        assertThat(steps("0\t0 12  * *\t*", "UTC", "2026-01-01T00:00:00Z", 1)).containsExactly("2026-01-01T12:00:00Z");
    }
}
