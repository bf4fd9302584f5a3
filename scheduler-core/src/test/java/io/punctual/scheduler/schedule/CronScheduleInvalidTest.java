package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CronScheduleInvalidTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            0 61 * * * *        | minute       | 61    | out of range 0-59
            60 * * * * *        | second       | 60    | out of range 0-59
            0 0 24 * * *        | hour         | 24    | out of range 0-23
            0 0 0 32 * *        | day-of-month | 32    | out of range 1-31
            0 0 0 0 * *         | day-of-month | 0     | out of range 1-31
            0 0 0 * 13 *        | month        | 13    | out of range 1-12
            0 0 0 * FOO *       | month        | FOO   | not a known value
            0 0 0 * * 8         | day-of-week  | 8     | out of range 0-7
            0 0 0 * * FUN       | day-of-week  | FUN   | not a known value
            0 */0 * * * *       | minute       | */0   | step
            0 0/70 * * * *      | minute       | 0/70  | step
            0 5-2 * * * *       | minute       | 5-2   | backwards
            0 x * * * *         | minute       | x     | not a known value
            0 1,,2 * * * *      | minute       | 1,,2  | empty value
            0 0 0 ? * MON#6     | day-of-week  | MON#6 | occurrence 6 is out of range 1-5
            0 0 0 ? * 8L        | day-of-week  | 8L    | out of range 0-7
            0 0 0 33W * ?       | day-of-month | 33W   | out of range 1-31
            61 * * * *          | minute       | 61    | out of range 0-59
            * 25 * * *          | hour         | 25    | out of range 0-23
            * * 0 * *           | day-of-month | 0     | out of range 1-31
            * * * 0 *           | month        | 0     | out of range 1-12
            * * * * 5L          | day-of-week  | 5L    | not a known value
            * * L * *           | day-of-month | L     | not a known value
            * * ? * *           | day-of-month | ?     | not allowed
            * * * * 1#2         | day-of-week  | 1#2   | not allowed
            0 0 0 ? * * 1969    | year         | 1969  | out of range 1970-2099
            0 0 0 1 * ? 2100    | year         | 2100  | out of range 1970-2099
            0 0 0 ? * 8 *       | day-of-week  | 8     | out of range 1-7
            0 0 0 ? * 0 *       | day-of-week  | 0     | out of range 1-7
            0 0 0 ? JANUARY * * | month        | JANUARY | not a known value
            !! ?? ## $$ %%      | minute       | !!    | not a known value
            """)
    void anInvalidFieldIsNamedWithItsValueAndTheReason(String expression, String field, String value, String reason) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class,
                () -> Schedule.cron(expression, ZoneOffset.UTC));
        assertThat(e.getMessage()).contains("'" + expression + "'", field + " field '" + value + "'", reason);
        assertThat(e.allowed()).contains(field, "5 fields", "6 fields", "7 fields", "@daily");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0 0 0 * * * *", "0 0 0 1 * MON 2030"})
    void aQuartzCronMustLeaveOneDayFieldOpen(String expression) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class,
                () -> Schedule.cron(expression, ZoneOffset.UTC));
        assertThat(e.getMessage()).contains("'" + expression + "'", "day-of-month", "day-of-week", "exactly one of them must be ?");
    }

    @ParameterizedTest(name = "{0}: {1} fields")
    @CsvSource(delimiterString = "|", textBlock = """
            * * * *              | 4 fields
            0 0 0 * * ? 2026 1   | 8 fields
            hello world          | 2 fields
            *                    | 1 field
            """)
    void aWrongNumberOfFieldsIsSaidAsSuch(String expression, String count) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class,
                () -> Schedule.cron(expression, ZoneOffset.UTC));
        assertThat(e.getMessage()).contains("'" + expression + "'", "has " + count, "5 (Unix), 6 (Spring) or 7 (Quartz)");
        assertThat(e.allowed()).contains("5 fields", "6 fields", "7 fields", "@hourly");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void anEmptyExpressionIsSaidToBeEmpty(String expression) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class,
                () -> Schedule.cron(expression, ZoneOffset.UTC));
        assertThat(e.getMessage()).contains("empty");
        assertThat(e.allowed()).contains("5 fields", "6 fields", "7 fields");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"@reboot", "@fortnightly", "@"})
    void anUnknownMacroIsNamed(String expression) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class,
                () -> Schedule.cron(expression, ZoneOffset.UTC));
        assertThat(e.getMessage()).contains("'" + expression + "'", "unknown macro", "@yearly", "@hourly");
    }
}
