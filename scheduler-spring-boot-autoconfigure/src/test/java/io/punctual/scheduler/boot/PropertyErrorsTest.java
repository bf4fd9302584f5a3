package io.punctual.scheduler.boot;

import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad punctual.* property stops start-up with a report naming the property, the value and what is allowed. */
class PropertyErrorsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
            .withUserConfiguration(Jobs.class);

    /** What Spring Boot would print: the first analyzer that recognises the failure, in the order Boot sorts them. */
    private FailureAnalysis analysisOf(String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            for (FailureAnalyzer analyzer : List.of(new PunctualBindFailureAnalyzer(), new PunctualPropertyFailureAnalyzer(),
                    new ScheduledJobFailureAnalyzer())) {
                result[0] = analyzer.analyze(context.getStartupFailure());
                if (result[0] != null) {
                    return;
                }
            }
        });
        assertThat(result[0]).as("a Punctual analyzer recognises the failure").isNotNull();
        return result[0];
    }

    private static void assertReport(FailureAnalysis a, String property, String value, String allowed) {
        assertThat(a.getDescription()).contains("Property:  " + property).contains("Value:     '" + value + "'")
                .contains("Problem:   ");
        assertThat(a.getAction()).isEqualTo("Change " + property + ". Allowed: " + allowed + ".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "punctual.executor.threads|0|an integer of 1 or more",
            "punctual.executor.queue-capacity|-1|0 (claim only what free threads can start) or more; unset, 128 times punctual.executor.threads",
            "punctual.jdbc.table-prefix|bad-prefix|letters, digits and _ only, at most 40 characters, e.g. punctual_",
            "punctual.cluster.poll-interval|0s|a positive duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S",
            "punctual.history.retention|-1d|a positive duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S",
            "punctual.health.max-consecutive-failures|0|an integer of 1 or more",
            "punctual.shutdown.await|-1s|0 (interrupt at once) or a positive duration such as 30s"})
    void aValueOutOfRangeIsReportedWithWhatIsAllowed(String property, String value, String allowed) {
        FailureAnalysis a = analysisOf(property + "=" + value);
        assertThat(a.getDescription()).contains("Property:  " + property).contains("Problem:   ");
        assertThat(a.getAction()).isEqualTo("Change " + property + ". Allowed: " + allowed + ".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "punctual.executor.threads|abc|a whole number",
            "punctual.store|database|auto, jpa, memory",
            "punctual.jdbc.initialize-schema|sometimes|embedded, always, never",
            "punctual.cluster.poll-interval|soon|a duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S"})
    void aValueThatDoesNotBindIsReportedWithWhatIsAllowed(String property, String value, String allowed) {
        assertReport(analysisOf(property + "=" + value), property, value, allowed);
    }

    @Test
    void punctualEnabledThatIsNeitherTrueNorFalseStopsStartUpInsteadOfTurningPunctualOff() {
        assertReport(analysisOf("punctual.enabled=yes"), "punctual.enabled", "yes", "true or false");
    }

    @Test
    void aBadDefaultIsBlamedOnTheDefaultNotOnTheFirstJob() {
        FailureAnalysis a = analysisOf("punctual.defaults.misfire-grace=abc");
        assertReport(a, "punctual.defaults.misfire-grace", "abc", "a duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S");
        assertThat(a.getDescription()).contains("'abc' is not a duration").doesNotContain("jobs.tick");
    }

    @Test
    void aBadDefaultZoneIsBlamedOnTheDefaultWithAProblemLine() {
        FailureAnalysis a = analysisOf("punctual.defaults.zone=Mars/Olympus");
        assertThat(a.getDescription()).contains("Property:  punctual.defaults.zone").contains("Problem:   ")
                .contains("Mars/Olympus");
        assertThat(a.getAction()).contains("Europe/Berlin");
    }

    @Test
    void aBadJobZoneOrDurationHasAProblemLineAndKebabCaseHints() {
        FailureAnalysis zone = analysisOf("punctual.jobs.jobs.tick.zone=Mars/Olympus");
        assertThat(zone.getDescription()).contains("Problem:   ").contains("Mars/Olympus");
        FailureAnalysis duration = analysisOf("punctual.jobs.jobs.tick.misfire-grace=later");
        assertThat(duration.getDescription()).contains("Problem:   'later' is not a duration");
        assertThat(duration.getAction()).contains("punctual.jobs.jobs.tick.misfire-grace");
    }

    @Test
    void aMisspeltJobPropertyListsTheAllowedNamesInKebabCase() {
        FailureAnalysis a = analysisOf("punctual.jobs.jobs.tick.fixed-rat=5s");
        assertThat(a.getDescription()).contains("From:      punctual.jobs.jobs.tick.fixed-rat").contains("unknown attribute");
        assertThat(a.getAction()).contains("Allowed: cron, fixed-rate, fixed-delay, at, initial-delay, zone");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"punctual.cluster.heartbeat-interval=1m|PT1M|PT30S",
            "punctual.cluster.heartbeat-interval=30s|PT30S|PT30S", "punctual.cluster.node-timeout=2s|PT5S|PT2S"})
    void aHeartbeatIntervalNotShorterThanTheNodeTimeoutStopsStartUp(String property, String heartbeat, String nodeTimeout) {
        FailureAnalysis a = analysisOf(property);
        assertThat(a.getDescription()).contains("Property:  punctual.cluster.heartbeat-interval")
                .contains("Value:     '" + heartbeat + "'")
                .contains("Problem:   must be shorter than punctual.cluster.node-timeout (" + nodeTimeout + ")");
        assertThat(a.getAction()).contains("below punctual.cluster.node-timeout");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "punctual.defaults.misfire-grce|10s|punctual.defaults.misfire-grace|punctual.defaults.misfire-grace",
            "punctual.defaults.bogus|1||punctual.defaults.retry-backoff",
            "punctual.cluster.node-timout|10s|punctual.cluster.node-timeout|punctual.cluster.poll-interval",
            "punctual.executor.thread|2|punctual.executor.threads|punctual.executor.virtual-threads",
            "punctual.health.overdue|1m||punctual.health.overdue-after"})
    void aMisspeltPropertyInAPunctualGroupStopsStartUpInsteadOfBeingIgnored(String property, String value, String hint,
            String known) {
        FailureAnalysis a = analysisOf(property + "=" + value);
        String group = property.substring(0, property.lastIndexOf('.'));
        assertThat(a.getDescription()).contains("Property:  " + property).contains("Value:     '" + value + "'")
                .contains("Problem:   no such property in " + group + ".* (set in ");
        // the name is unknown: the report says so, not that the value cannot be used
        assertThat(a.getDescription()).startsWith("A Punctual property is not known: " + property
                        + (hint == null ? "" : " (did you mean " + hint + "?)") + ".\n")
                .doesNotContain("has a value that cannot be used");
        assertThat(a.getAction()).startsWith(hint == null
                        ? "Remove " + property + ", or rename it to a known property. Known: "
                        : "Rename " + property + " to " + hint + ", or remove it. Known: ")
                .contains(known).doesNotContain("Change ").endsWith(".");
    }

    @Test
    void aBadValueIsStillReportedAsABadValue() {
        FailureAnalysis a = analysisOf("punctual.executor.threads=0");
        assertThat(a.getDescription()).startsWith("A Punctual property has a value that cannot be used.")
                .doesNotContain("not known");
    }

    @Test
    void theKnownNamesOfEveryGroupStillStartInAnyForm() {
        runner.withPropertyValues("punctual.defaults.misfire-grace=10s", "punctual.defaults.retryBackoff=2s",
                        "punctual.defaults.max-catch-up=5", "punctual.cluster.database-time=false",
                        "punctual.cluster.heartbeat-interval=1s", "punctual.executor.virtual-threads=false",
                        "punctual.jdbc.table-prefix=p_", "punctual.history.retention=1d", "punctual.shutdown.await=1s",
                        "punctual.health.overdue-after=1m", "punctual.dashboard.path=/x", "punctual.test.clock=now",
                        "punctual.jobs.jobs.tick.fixed-rate=2h")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        Ticker jobs() {
            return new Ticker();
        }
    }

    static class Ticker {
        @ScheduledJob(fixedRate = "1h")
        void tick() {
        }
    }
}
