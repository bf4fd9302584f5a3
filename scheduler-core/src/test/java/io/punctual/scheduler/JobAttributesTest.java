package io.punctual.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JobAttributesTest {

    private static Map<String, String> attrs(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void everyAttributeIsParsed() {
        JobDefinition def = JobAttributes.toDefinition("billing.run", attrs(
                "fixedRate", "10s", "initialDelay", "PT5S", "jitter", "500ms", "startAt", "2026-01-01T00:00:00Z",
                "endAt", "2026-12-31T23:00", "zone", "Europe/Berlin", "misfire", "skip", "misfireGrace", "2m",
                "coalesce", "false", "maxCatchUp", "7", "maxInstances", "3", "retries", "2", "retryBackoff", "1m",
                "timeout", "1h", "scope", "node", "priority", "-4", "tags", "billing, eu ,", "enabled", "false"), ZoneOffset.UTC);

        assertThat(def.id()).isEqualTo("billing.run");
        assertThat(def.schedule().description()).isEqualTo("fixedRate PT10S");
        assertThat(def.initialDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(def.policy()).isEqualTo(new JobPolicy(MisfirePolicy.SKIP, Duration.ofMinutes(2), false, 7, 3, 2,
                Duration.ofMinutes(1), Duration.ofHours(1), JobScope.NODE, -4, Duration.ofMillis(500)));
        assertThat(def.tags()).containsExactlyInAnyOrder("billing", "eu");
        assertThat(def.enabled()).isFalse();
        assertThat(def.schedule().first(Instant.parse("2025-06-01T00:00:00Z"))).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(def.schedule().next(Instant.parse("2026-12-31T21:59:50Z"))).contains(Instant.parse("2026-12-31T22:00:00Z"));
        assertThat(def.schedule().next(Instant.parse("2026-12-31T22:00:00Z"))).isEmpty();
    }

    @Test
    void blankValuesInheritTheDefaults() {
        JobDefinition def = JobAttributes.toDefinition("j", attrs("fixed-delay", "1s", "cron", "", "misfire", " ",
                "max-instances", ""), ZoneOffset.UTC);

        assertThat(def.policy()).isEqualTo(JobPolicy.defaults());
        assertThat(def.schedule().kind()).isEqualTo(ScheduleKind.FIXED_DELAY);
    }

    @Test
    void localAtIsReadInTheJobsZone() {
        JobDefinition def = JobAttributes.toDefinition("xmas", attrs("at", "2026-12-24T17:30", "zone", "Europe/Berlin"), ZoneOffset.UTC);

        assertThat(def.schedule().first(Instant.EPOCH)).contains(Instant.parse("2026-12-24T16:30:00Z"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                arguments(attrs(), "schedule", "none", "exactly one of cron, fixedRate, fixedDelay, at"),
                arguments(attrs("cron", "0 * * * * *", "fixedRate", "5s"), "schedule", "cron=0 * * * * *, fixedRate=5s", "exactly one of"),
                arguments(attrs("fixedRate", "5 parsecs"), "fixedRate", "5 parsecs", "500ms, 10s, 5m, 2h, 1d"),
                arguments(attrs("fixedRate", "0s"), "fixedRate", "0s", "a positive duration"),
                arguments(attrs("fixedRate", "1s", "zone", "Mars/Olympus"), "zone", "Mars/Olympus", "Europe/Berlin"),
                arguments(attrs("fixedRate", "1s", "maxInstances", "0"), "maxInstances", "0", "an integer of 1 or more"),
                arguments(attrs("fixedRate", "1s", "maxInstances", "many"), "maxInstances", "many", "an integer of 1 or more"),
                arguments(attrs("fixedRate", "1s", "retries", "-1"), "retries", "-1", "an integer of 0 or more"),
                arguments(attrs("fixedRate", "1s", "misfire", "later"), "misfire", "later", "fire-now, skip"),
                arguments(attrs("fixedRate", "1s", "scope", "galaxy"), "scope", "galaxy", "cluster, node"),
                arguments(attrs("fixedRate", "1s", "coalesce", "yes"), "coalesce", "yes", "true or false"),
                arguments(attrs("fixedRate", "1s", "timeout", "0ms"), "timeout", "0ms", "a positive duration"),
                arguments(attrs("fixedRate", "1s", "misfireGrace", "-PT1S"), "misfireGrace", "-PT1S", "must not be negative"),
                arguments(attrs("at", "next tuesday"), "at", "next tuesday", "2026-12-24T17:30:00Z"),
                arguments(attrs("fixedRate", "1s", "startAt", "2027-01-01T00:00:00Z", "endAt", "2026-01-01T00:00:00Z"), "endAt", "2026-01-01T00:00:00Z", "an endAt at or after startAt"),
                arguments(attrs("fixedRate", "1s", "colour", "blue"), "colour", "blue", "cron, fixedRate, fixedDelay, at"));
    }

    @ParameterizedTest(name = "[{index}] {1} = {2}")
    @MethodSource("badInput")
    void badInputNamesTheJobTheAttributeTheValueAndWhatIsAllowed(Map<String, String> attributes, String attribute,
                                                                  String value, String allowed) {
        assertThatThrownBy(() -> JobAttributes.toDefinition("reports.daily", attributes, ZoneId.of("UTC")))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("Job 'reports.daily'")
                .hasMessageContaining(attribute)
                .hasMessageContaining(value)
                .hasMessageContaining(allowed)
                .satisfies(e -> assertThat(((InvalidJobDefinitionException) e).jobId()).isEqualTo("reports.daily"));
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                arguments(attrs("fixedRate", "-5s"), "fixedRate = '-5s'", "must not be negative"),
                arguments(attrs("fixedRate", "1s", "jitter", "-1s"), "jitter = '-1s'", "must not be negative"),
                arguments(attrs("fixedRate", "1s", "initialDelay", "-3m"), "initialDelay = '-3m'", "must not be negative"),
                arguments(attrs("fixedRate", "99999999999999999999s"), "fixedRate = '99999999999999999999s'",
                        "is too long a duration"),
                arguments(attrs("fixedRate", "1s", "retries", "abc"), "retries = 'abc'", "'abc' is not a whole number"),
                arguments(attrs("fixedRate", "1s", "priority", "high"), "priority = 'high'", "'high' is not a whole number"),
                arguments(attrs("fixedRate", "1s", "maxInstances", "3000000000"), "maxInstances = '3000000000'",
                        "is out of range"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badNumbers")
    void aNegativeDurationOrAWordForANumberIsExplainedInWordsNotByTheJavaParser(Map<String, String> attributes,
                                                                                String what, String problem) {
        // the reason is in the message, or in the cause for a value its parser refused (Boot's Problem: line reads both)
        assertThatThrownBy(() -> JobAttributes.toDefinition("reports.daily", attributes, ZoneId.of("UTC")))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage()))
                        .contains(problem).doesNotContain("is not a duration").doesNotContain("For input string"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0 0 30 2 *", "0 0 0 31 4 ?", "0 0 0 30 FEB ? *",
            "0 0 0 31 4,6,9,11 *"})
    void aCronThatMatchesNoDateIsRefusedInsteadOfNeverFiring(String cron) {
        assertThatThrownBy(() -> JobAttributes.toDefinition("reports.daily", attrs("cron", cron), ZoneId.of("Europe/Berlin")))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("Job 'reports.daily'")
                .hasMessageContaining("cron = '" + cron + "'")
                .hasMessageContaining("it matches no date, so it would never fire")
                .satisfies(e -> assertThat(((InvalidJobDefinitionException) e).attribute()).isEqualTo("cron"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0 0 29 2 *", "0 0 0 29 2 MON", "0 0 0 1 1 ? 2020",
            "0 0 0 1 1 ? 2099", "0 0 0 30 2 ? 2030", "0 30 2 * * *", "0 0 0 L * ?", "0 0 0 31 * ?", "@yearly"})
    void aCronThatMatchesRarelyOrHasAYearFieldIsAccepted(String cron) {
        assertThat(JobAttributes.toDefinition("j", attrs("cron", cron), ZoneId.of("Europe/Berlin")).schedule().kind())
                .isEqualTo(ScheduleKind.CRON);
    }

    @Test
    void aSignedDurationReadsAsItsIsoForm() {
        assertThat(io.punctual.scheduler.schedule.Durations.parse("-1s")).isEqualTo(Duration.parse("PT-1S"));
        assertThat(io.punctual.scheduler.schedule.Durations.parse("+90m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void tagsAreSplitOnCommas() {
        assertThat(JobAttributes.toDefinition("t", attrs("fixedRate", "1s", "tags", "a,b"), ZoneOffset.UTC).tags())
                .isEqualTo(Set.of("a", "b"));
    }
}
