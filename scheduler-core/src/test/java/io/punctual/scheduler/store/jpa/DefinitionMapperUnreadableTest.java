package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.UnreadableJobException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A job row that cannot be read is named by its first bad column, with the value and what is allowed, in the words of
 * the definition's validation under the attribute's name.
 */
class DefinitionMapperUnreadableTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    private static JobEntity row(JobDefinition definition, Consumer<JobEntity> edit) {
        JobEntity job = SaveTransaction.newRow(definition, T0);
        edit.accept(job);
        return job;
    }

    private static JobEntity row(Consumer<JobEntity> edit) {
        return row(JobDefinition.of("j", Schedule.fixedRate(Duration.ofSeconds(10)))
                .withPolicy(JobPolicy.defaults().withTimeout(Duration.ofMinutes(1))), edit);
    }

    private static UnreadableJobException unreadable(JobEntity job) {
        try {
            DefinitionMapper.read(job, Set.of());
        } catch (UnreadableJobException e) {
            return e;
        }
        throw new AssertionError("read " + job.id + " without failing");
    }

    @Test
    void eachColumnIsNamedWithItsValueAndWhatIsAllowed() {
        assertThat(unreadable(row(j -> j.schedule.expression = "10 seconds")).getMessage()).isEqualTo("Job 'j' cannot be read"
                + " from the store (column schedule_expression): fixedRate = '10 seconds' is invalid. Allowed: an ISO-8601"
                + " duration as the store writes it, such as PT10S or PT0.5S.");
        assertThat(unreadable(row(j -> j.schedule.expression = "PT0S")).getMessage())
                .contains("(column schedule_expression): fixedRate = 'PT0S' is invalid: fixed rate must be positive");
        assertThat(unreadable(row(j -> j.policy.misfireGrace = "-PT1S")).getMessage())
                .contains("(column misfire_grace): misfireGrace = '-PT1S' is invalid: must not be negative");
        assertThat(unreadable(row(j -> j.policy.maxInstances = 0)).getMessage())
                .endsWith("(column max_instances): maxInstances = '0' is invalid. Allowed: an integer of 1 or more.");
        assertThat(unreadable(row(j -> j.policy.maxCatchUp = -3)).column()).isEqualTo("max_catch_up");
        assertThat(unreadable(row(j -> j.policy.retries = -1)).getMessage())
                .endsWith("retries = '-1' is invalid. Allowed: an integer of 0 or more.");
        assertThat(unreadable(row(j -> j.policy.retryBackoff = "soon")).column()).isEqualTo("retry_backoff");
        assertThat(unreadable(row(j -> j.policy.timeout = "PT0S")).getMessage())
                .contains("(column run_timeout): timeout = 'PT0S' is invalid: must be positive");
        assertThat(unreadable(row(j -> j.policy.scope = "galaxy")).getMessage())
                .endsWith("(column job_scope): scope = 'galaxy' is invalid. Allowed: cluster, node.");
        assertThat(unreadable(row(j -> j.policy.jitter = "PT1X")).column()).isEqualTo("jitter");
        assertThat(unreadable(row(j -> j.initialDelay = "-PT5S")).getMessage())
                .contains("(column initial_delay): initialDelay = '-PT5S' is invalid: must not be negative");
        assertThat(unreadable(row(j -> {
            j.schedule.startAt = Micros.of(T0.plusSeconds(60));
            j.schedule.endAt = Micros.of(T0);
        })).getMessage()).contains("(column end_at): endAt = '" + T0 + "' is invalid: endAt " + T0 + " is before startAt");
    }

    @Test
    void aOneTimeJobsInstantAndACronsZone() {
        JobDefinition at = JobDefinition.of("once", Schedule.at(T0));
        assertThat(unreadable(row(at, j -> j.schedule.expression = "tomorrow")).getMessage()).isEqualTo("Job 'once' cannot be"
                + " read from the store (column schedule_expression): at = 'tomorrow' is invalid. Allowed: an ISO-8601 instant"
                + " as the store writes it, such as 2026-12-24T17:30:00Z.");
        JobDefinition cron = JobDefinition.of("c", Schedule.cron("0 0 * * * *", ZoneId.of("Europe/Paris")));
        UnreadableJobException zone = unreadable(row(cron, j -> j.schedule.zone = "Europe/Atlantis"));
        assertThat(zone.column()).isEqualTo("schedule_zone");
        assertThat(zone.attribute()).isEqualTo("zone");
        assertThat(zone.value()).isEqualTo("Europe/Atlantis");
        assertThat(zone.getMessage()).contains("zone = 'Europe/Atlantis' is invalid: this JVM's time-zone database (tzdb ")
                .endsWith("Allowed: a region id such as Europe/Berlin or UTC, or an offset such as +02:00.");
    }

    @Test
    void theScheduleIsNamedFirstAndAReadWithANewScheduleNamesOnlyTheRest() {
        JobEntity both = row(j -> {
            j.schedule.kind = "LUNAR";
            j.policy.misfire = "MAYBE";
        });
        assertThat(unreadable(both).column()).isEqualTo("schedule_kind");
        assertThatThrownBy(() -> DefinitionMapper.readWith(both, Set.of(), Schedule.fixedDelay(Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(UnreadableJobException.class, e -> assertThat(e.column()).isEqualTo("misfire"));

        JobEntity scheduleOnly = row(j -> j.schedule.kind = "LUNAR");
        assertThat(DefinitionMapper.readWith(scheduleOnly, Set.of("t"), Schedule.fixedDelay(Duration.ofSeconds(1))))
                .isEqualTo(JobDefinition.of("j", Schedule.fixedDelay(Duration.ofSeconds(1))).withTags(Set.of("t"))
                        .withPolicy(JobPolicy.defaults().withTimeout(Duration.ofMinutes(1))));
    }
}
