package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every start-up error of SPEC §8, explained by the failure analyzer word by word. */
class StartupErrorsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class));

    private FailureAnalysis analysisOf(Class<?> config, String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withUserConfiguration(config).withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            result[0] = new ScheduledJobFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(result[0]).as("the analyzer recognises the failure").isNotNull();
        return result[0];
    }

    private static void assertNames(FailureAnalysis analysis, String jobId, String attribute, String value, String allowed) {
        assertThat(analysis.getDescription())
                .contains("Job:       " + jobId)
                .contains("Bean:      bad")
                .containsPattern("Method:    [A-Za-z0-9]+#(run|one|two)")
                .contains("Attribute: " + attribute)
                .contains("Value:     '" + value + "'");
        assertThat(analysis.getAction()).contains(jobId).contains("Allowed: ").contains(allowed);
    }

    @Test
    void invalidCronSaysWhichFieldAndWhy() {
        FailureAnalysis a = analysisOf(BadCron.class);
        assertNames(a, "bad.run", "cron", "0 61 * * * *", "6-field");
        assertThat(a.getDescription()).contains("minute").contains("61");
    }

    @Test
    void unknownZone() {
        assertNames(analysisOf(BadZone.class), "bad.run", "zone", "Europe/Atlantis", "Europe/Berlin");
    }

    @Test
    void badDuration() {
        assertNames(analysisOf(BadDuration.class), "bad.run", "fixedRate", "10 seconds", "500ms, 10s, 5m, 2h, 1d");
    }

    @Test
    void noScheduleKind() {
        assertNames(analysisOf(NoKind.class), "bad.run", "schedule", "none", "exactly one of cron, fixedRate, fixedDelay, at");
    }

    @Test
    void severalScheduleKinds() {
        assertNames(analysisOf(TwoKinds.class), "bad.run", "schedule", "cron=0 * * * * *, fixedDelay=5s", "exactly one of");
    }

    @Test
    void severalScheduleKindsInTheAnnotationNameEachValueAndWhereItCameFrom() {
        FailureAnalysis a = analysisOf(TwoKinds.class);
        String from = "cron '0 * * * * *' from @ScheduledJob(cron); fixedDelay '5s' from @ScheduledJob(fixedDelay)";
        assertThat(a.getDescription()).contains("Job:       bad.run").contains("From:      " + from)
                .contains("Problem:   several schedule kinds are set");
        assertThat(a.getAction()).contains("Allowed: exactly one of cron, fixedRate, fixedDelay, at.");
        assertThat(a.getCause().getMessage()).isEqualTo("Job 'bad.run' (bean 'bad', method Bad6#run): schedule = "
                + "'cron=0 * * * * *, fixedDelay=5s' (from " + from + ") is invalid: several schedule kinds are set. "
                + "Allowed: exactly one of cron, fixedRate, fixedDelay, at.");
    }

    @Test
    void severalScheduleKindsFromTwoPropertySourcesNameEachPropertyAndTheSourceThatSetsIt() {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withUserConfiguration(Good.class)
                .withPropertyValues("punctual.jobs.bad.run.cron=0 0 2 * * *")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.MapPropertySource("ops-overrides",
                                java.util.Map.of("punctual.jobs.bad.run.fixed-delay", "5s"))))
                .run(context -> {
                    assertThat(context).hasFailed();
                    result[0] = new ScheduledJobFailureAnalyzer().analyze(context.getStartupFailure());
                });
        FailureAnalysis a = result[0];
        assertThat(a.getDescription()).contains("Job:       bad.run").contains("Attribute: schedule")
                .contains("Value:     'cron=0 0 2 * * *, fixedDelay=5s'")
                .contains("From:      cron '0 0 2 * * *' from punctual.jobs.bad.run.cron (set in "
                        + "\"punctual.jobs.bad.run.cron\" from property source \"test\"); fixedDelay '5s' from "
                        + "punctual.jobs.bad.run.fixed-delay (set in \"punctual.jobs.bad.run.fixed-delay\" from property "
                        + "source \"ops-overrides\")")
                .contains("Problem:   several schedule kinds are set");
        assertThat(a.getAction()).contains("Allowed: exactly one of cron, fixedRate, fixedDelay, at.")
                .contains("a blank one clears a kind set by another property source");
    }

    @Test
    void aKindSetInCamelCaseOrByAnEnvironmentVariableIsNamedWithItsSourceToo() {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withUserConfiguration(Good.class)
                .withPropertyValues("punctual.jobs.bad.run.fixedDelay=5s")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource("systemEnvironment",
                                java.util.Map.of("PUNCTUAL_JOBS_BAD_RUN_AT", "2030-01-01T00:00:00Z"))))
                .run(context -> {
                    assertThat(context).hasFailed();
                    result[0] = new ScheduledJobFailureAnalyzer().analyze(context.getStartupFailure());
                });
        assertThat(result[0].getDescription()).contains("From:      fixedDelay '5s' from punctual.jobs.bad.run.fixedDelay "
                + "(set in \"punctual.jobs.bad.run.fixedDelay\" from property source \"test\"); at '2030-01-01T00:00:00Z' "
                + "from punctual.jobs.bad.run.at (set in \"PUNCTUAL_JOBS_BAD_RUN_AT\" from property source "
                + "\"systemEnvironment\")");

        FailureAnalysis[] camelId = new FailureAnalysis[1];
        runner.withUserConfiguration(CamelId.class)
                .withPropertyValues("punctual.jobs.reportJobs.daily.fixedDelay=5s", "punctual.jobs.reportJobs.daily.at=2030-01-01T00:00:00Z")
                .run(context -> camelId[0] = new ScheduledJobFailureAnalyzer().analyze(context.getStartupFailure()));
        assertThat(camelId[0].getDescription()).contains("Job:       reportJobs.daily")
                .contains("fixedDelay '5s' from punctual.jobs.reportJobs.daily.fixedDelay (set in "
                        + "\"punctual.jobs.reportJobs.daily.fixedDelay\" from property source \"test\")");
    }

    @Test
    void aScheduleKindFromAPropertyReplacesTheAnnotationsKindInsteadOfConflictingWithIt() {
        runner.withUserConfiguration(Good.class).withPropertyValues("punctual.jobs.bad.run.fixed-delay=5s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void unsupportedMethodSignature() {
        FailureAnalysis a = analysisOf(BadSignature.class);
        assertNames(a, "bad.run", "method signature", "void io.punctual.scheduler.boot.StartupErrorsTest$Bad4.run(java.lang.String)",
                "no parameter, or one io.punctual.scheduler.JobContext");
    }

    @Test
    void theActionNamesOnlyPropertiesThatExist() {
        assertThat(analysisOf(BadSignature.class).getAction())
                .isEqualTo("Change method signature of job 'bad.run' (in code: Bad4#run). Allowed: no parameter, or one "
                        + "io.punctual.scheduler.JobContext.");
        assertThat(analysisOf(DuplicateId.class).getAction()).doesNotContain("punctual.jobs.same.id").contains("in code: ");
        assertThat(analysisOf(TwoKinds.class).getAction()).doesNotContain("punctual.jobs.bad.run.schedule")
                .contains("punctual.jobs.bad.run.cron, punctual.jobs.bad.run.fixed-rate, punctual.jobs.bad.run.fixed-delay, "
                        + "punctual.jobs.bad.run.at");
        assertThat(analysisOf(BadScope.class).getAction()).contains("or property punctual.jobs.bad.run.scope");
    }

    @Test
    void duplicateId() {
        FailureAnalysis a = analysisOf(DuplicateId.class);
        assertNames(a, "same", "id", "same", "an id unique in the application");
        assertThat(a.getDescription()).contains("already used by bean 'bad'");
    }

    @Test
    void maxInstancesBelowOne() {
        assertNames(analysisOf(ZeroInstances.class), "bad.run", "maxInstances", "0", "an integer of 1 or more");
    }

    @Test
    void unknownMisfireWord() {
        assertNames(analysisOf(BadMisfire.class), "bad.run", "misfire", "later", "fire-now, skip");
    }

    @Test
    void unknownScopeWord() {
        assertNames(analysisOf(BadScope.class), "bad.run", "scope", "planet", "cluster, node");
    }

    @Test
    void badValueFromAPropertySaysWhichProperty() {
        FailureAnalysis a = analysisOf(Good.class, "punctual.jobs.bad.run.max-instances=-3");
        assertNames(a, "bad.run", "maxInstances", "-3", "an integer of 1 or more");
        assertThat(a.getDescription()).contains("From:      punctual.jobs.bad.run.max-instances");
    }

    @Test
    void badDefaultSaysWhichDefault() {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withUserConfiguration(Good.class).withPropertyValues("punctual.defaults.scope=everywhere").run(context ->
                result[0] = new PunctualPropertyFailureAnalyzer().analyze(context.getStartupFailure()));
        assertThat(result[0].getDescription()).contains("Property:  punctual.defaults.scope").contains("'everywhere'")
                .doesNotContain("bad.run");
    }

    @Test
    void overrideNamingNoJob() {
        FailureAnalysis a = analysisOf(Good.class, "punctual.jobs.nightly-report.cron=0 0 2 * * *");
        assertThat(a.getDescription()).contains("Job:       nightly-report").contains("no @ScheduledJob has this id");
        assertThat(a.getAction()).contains("bad.run");
    }

    @Test
    void duplicateHandlerName() {
        FailureAnalysis a = analysisOf(DuplicateHandler.class);
        assertThat(a.getDescription()).contains("Job:       mail").contains("already used by");
    }

    @Test
    void nothingFiresInAContextThatFailedToStart() {
        Good.runs.set(0);
        runner.withUserConfiguration(Good.class, BadCron.class).run(context -> assertThat(context).hasFailed());
        assertThat(Good.runs).hasValue(0);
    }

    @Configuration(proxyBeanMethods = false)
    static class BadCron {
        @Bean
        Bad1 bad() {
            return new Bad1();
        }
    }

    static class Bad1 {
        @ScheduledJob(cron = "0 61 * * * *")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadZone {
        @Bean
        Bad2 bad() {
            return new Bad2();
        }
    }

    static class Bad2 {
        @ScheduledJob(cron = "0 0 * * * *", zone = "Europe/Atlantis")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadDuration {
        @Bean
        Bad3 bad() {
            return new Bad3();
        }
    }

    static class Bad3 {
        @ScheduledJob(fixedRate = "10 seconds")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadSignature {
        @Bean
        Bad4 bad() {
            return new Bad4();
        }
    }

    static class Bad4 {
        @ScheduledJob(fixedRate = "1s")
        void run(String what) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoKind {
        @Bean
        Bad5 bad() {
            return new Bad5();
        }
    }

    static class Bad5 {
        @ScheduledJob(retries = "2")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoKinds {
        @Bean
        Bad6 bad() {
            return new Bad6();
        }
    }

    static class Bad6 {
        @ScheduledJob(cron = "0 * * * * *", fixedDelay = "5s")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateId {
        @Bean
        Bad7 bad() {
            return new Bad7();
        }
    }

    static class Bad7 {
        @ScheduledJob(id = "same", fixedRate = "1s")
        void one() {
        }

        @ScheduledJob(id = "same", fixedRate = "2s")
        void two(JobContext context) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ZeroInstances {
        @Bean
        Bad8 bad() {
            return new Bad8();
        }
    }

    static class Bad8 {
        @ScheduledJob(fixedRate = "1s", maxInstances = "0")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadMisfire {
        @Bean
        Bad9 bad() {
            return new Bad9();
        }
    }

    static class Bad9 {
        @ScheduledJob(fixedRate = "1s", misfire = "later")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadScope {
        @Bean
        Bad10 bad() {
            return new Bad10();
        }
    }

    static class Bad10 {
        @ScheduledJob(fixedRate = "1s", scope = "planet")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Good {
        static final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

        @Bean
        Fine bad() {
            return new Fine();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CamelId {
        @Bean
        Daily reportJobs() {
            return new Daily();
        }
    }

    static class Daily {
        @ScheduledJob(id = "reportJobs.daily", fixedRate = "1h")
        void daily() {
        }
    }

    static class Fine {
        @ScheduledJob(fixedRate = "10ms")
        void run() {
            Good.runs.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateHandler {
        @Bean
        Handlers bad() {
            return new Handlers();
        }
    }

    static class Handlers {
        @JobHandler("mail")
        void one(String to) {
        }

        @JobHandler("mail")
        void two(String to) {
        }
    }
}
