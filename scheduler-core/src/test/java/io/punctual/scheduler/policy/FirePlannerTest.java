package io.punctual.scheduler.policy;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.NextFire;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FirePlannerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static JobRecord due(JobPolicy policy, int running, Instant latestRunStart) {
        JobDefinition def = JobDefinition.of("report", Schedule.fixedRate(MINUTE)).withPolicy(policy);
        return new JobRecord(def, false, false, new NextFire(T0, T0), running, latestRunStart, 0, null, null, 0);
    }

    private static JobRecord due(JobPolicy policy) {
        return due(policy, 0, null);
    }

    @Test
    void fireWithinGraceRunsAtItsDueTime() {
        FirePlan plan = FirePlanner.plan(due(JobPolicy.defaults().withMisfireGrace(Duration.ofSeconds(30))), T0.plusSeconds(30));

        assertThat(plan.run()).isEqualTo(T0);
        assertThat(plan.missed()).isEmpty();
        assertThat(plan.next().due()).isEqualTo(T0.plus(MINUTE));
    }

    @Test
    void fireLaterThanGraceIsMisfiredWithSkip() {
        JobPolicy policy = JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(10));

        FirePlan plan = FirePlanner.plan(due(policy), T0.plusSeconds(11));

        assertThat(plan.run()).isNull();
        assertThat(plan.missed()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(Outcome.MISFIRED);
            assertThat(m.count()).isEqualTo(1);
            assertThat(m.firstDue()).isEqualTo(T0);
        });
        assertThat(plan.next().due()).isEqualTo(T0.plus(MINUTE));
    }

    @Test
    void fireLaterThanGraceRunsNowWithFireNow() {
        JobPolicy policy = JobPolicy.defaults().withMisfireGrace(Duration.ofSeconds(10));

        FirePlan plan = FirePlanner.plan(due(policy), T0.plusSeconds(11));

        assertThat(plan.run()).isEqualTo(T0);
        assertThat(plan.missed()).isEmpty();
    }

    @Test
    void coalesceRunsTheLatestOfSeveralOverdueFiresAndRecordsTheRest() {
        FirePlan plan = FirePlanner.plan(due(JobPolicy.defaults()), T0.plus(Duration.ofMinutes(9)).plusSeconds(5));

        assertThat(plan.run()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
        assertThat(plan.missed()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(Outcome.COALESCED);
            assertThat(m.count()).isEqualTo(9);
            assertThat(m.firstDue()).isEqualTo(T0);
            assertThat(m.lastDue()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        });
        assertThat(plan.next().due()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void withoutCoalesceTheOldestOverdueFireRunsFirstAndTheNextStaysDue() {
        FirePlan plan = FirePlanner.plan(due(JobPolicy.defaults().withCoalesce(false)), T0.plus(Duration.ofMinutes(3)));

        assertThat(plan.run()).isEqualTo(T0);
        assertThat(plan.missed()).isEmpty();
        assertThat(plan.next().due()).isEqualTo(T0.plus(MINUTE));
    }

    @Test
    void withoutCoalesceOnlyTheNewestMaxCatchUpFiresRunAndOlderOnesAreMisfired() {
        JobPolicy policy = JobPolicy.defaults().withCoalesce(false).withMaxCatchUp(3);

        FirePlan plan = FirePlanner.plan(due(policy), T0.plus(Duration.ofMinutes(9)));

        assertThat(plan.missed()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(Outcome.MISFIRED);
            assertThat(m.reason()).isEqualTo("max-catch-up");
            assertThat(m.count()).isEqualTo(7);
        });
        assertThat(plan.run()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(plan.next().due()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
    }

    @Test
    void withSkipEveryFirePastGraceIsMisfiredWhateverCoalesceSays() {
        JobPolicy policy = JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(90));

        FirePlan plan = FirePlanner.plan(due(policy), T0.plus(Duration.ofMinutes(5)));

        // due 10:00..10:05; 10:04 and 10:05 are within 90s of 10:05
        assertThat(plan.missed()).extracting(MissedFires::outcome, MissedFires::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.MISFIRED, 4L),
                        org.assertj.core.groups.Tuple.tuple(Outcome.COALESCED, 1L));
        assertThat(plan.run()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void fireThatCameDueWhileTheJobWasAtMaxInstancesIsSkipped() {
        JobRecord job = due(JobPolicy.defaults(), 1, T0.minusSeconds(30));

        FirePlan plan = FirePlanner.plan(job, T0);

        assertThat(plan.run()).isNull();
        assertThat(plan.missed()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(m.reason()).isEqualTo("max-instances");
        });
        assertThat(plan.next().due()).isEqualTo(T0.plus(MINUTE));
    }

    @Test
    void backlogFireAlreadyDueWhenTheRunInFlightStartedWaitsItsTurn() {
        JobRecord job = due(JobPolicy.defaults().withCoalesce(false), 1, T0.plusSeconds(5));

        FirePlan plan = FirePlanner.plan(job, T0.plusSeconds(6));

        assertThat(plan.waiting()).isTrue();
        assertThat(plan.run()).isNull();
        assertThat(plan.missed()).isEmpty();
    }

    @Test
    void secondInstanceRunsWhenMaxInstancesAllowsIt() {
        JobRecord job = due(JobPolicy.defaults().withMaxInstances(2), 1, T0.minusSeconds(30));

        assertThat(FirePlanner.plan(job, T0).run()).isEqualTo(T0);
    }

    @Test
    void fixedDelayLeavesTheNextFireToTheEndOfTheRun() {
        JobDefinition def = JobDefinition.of("cleanup", Schedule.fixedDelay(MINUTE));
        JobRecord job = new JobRecord(def, false, false, new NextFire(T0, T0), 0, null, 0, null, null, 0);

        FirePlan plan = FirePlanner.plan(job, T0);

        assertThat(plan.run()).isEqualTo(T0);
        assertThat(plan.next()).isNull();
    }

    @Test
    void veryLongBacklogIsWorkedOffInBoundedSteps() {
        JobDefinition def = JobDefinition.of("tick", Schedule.fixedRate(Duration.ofSeconds(1)));
        JobRecord job = new JobRecord(def, false, false, new NextFire(T0, T0), 0, null, 0, null, null, 0);
        Instant now = T0.plus(Duration.ofDays(1));

        FirePlan plan = FirePlanner.plan(job, now);

        assertThat(plan.run()).isNull();
        assertThat(plan.missed()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(FirePlanner.SCAN_LIMIT - 1));
        assertThat(plan.next().due()).isEqualTo(T0.plusSeconds(FirePlanner.SCAN_LIMIT - 1));
    }

    @Test
    void initialFireOfFixedRateHonoursInitialDelay() {
        JobDefinition def = JobDefinition.of("poll", Schedule.fixedRate(MINUTE)).withInitialDelay(Duration.ofSeconds(15));

        assertThat(FirePlanner.initial(def, T0).due()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void disabledJobHasNoFire() {
        assertThat(FirePlanner.initial(JobDefinition.of("off", Schedule.fixedRate(MINUTE)).withEnabled(false), T0)).isNull();
    }

    @Test
    void jitteredDueTimesStayWithinTheJitterAndKeepTheNominalRate() {
        JobDefinition def = JobDefinition.of("spread", Schedule.fixedRate(MINUTE))
                .withPolicy(JobPolicy.defaults().withJitter(Duration.ofSeconds(20)));
        NextFire fire = FirePlanner.initial(def, T0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(fire.nominal()).isEqualTo(T0.plus(MINUTE.multipliedBy(i)));
            assertThat(Duration.between(fire.nominal(), fire.due())).isBetween(Duration.ZERO, Duration.ofSeconds(20));
            assertThat(FirePlanner.after(def, fire.nominal())).isEqualTo(FirePlanner.after(def, fire.nominal()));
            fire = FirePlanner.after(def, fire.nominal());
        }
    }
}
