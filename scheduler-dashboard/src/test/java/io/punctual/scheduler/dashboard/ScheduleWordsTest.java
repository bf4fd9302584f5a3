package io.punctual.scheduler.dashboard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleWordsTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "fixedRate PT5S | every 5 seconds",
            "fixedRate PT1M | every 1 minute",
            "fixedRate PT0.25S | every 250 milliseconds",
            "fixedRate PT1H30M | every 90 minutes",
            "fixedDelay PT7S | 7 seconds after each run ends",
            "at 2026-12-24T16:30:00Z | once, at 2026-12-24T16:30:00Z",
            "cron @daily | every day at midnight",
            "cron 0 0 7 * * * | at 07:00",
            "cron 0 7 * * 1-5 | at 07:00 every day between Monday and Friday",
            "cron not a cron | cron not a cron",
            "something else | something else"})
    void describesEachKindOfScheduleInWordsAndFallsBackToTheScheduleAsWritten(String schedule, String words) {
        assertThat(ScheduleWords.describe(schedule)).isEqualTo(words);
    }
}
