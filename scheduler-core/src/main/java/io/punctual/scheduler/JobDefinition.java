package io.punctual.scheduler;

import java.time.Duration;
import java.util.Set;

/**
 * Everything the store keeps about a job's configuration: what discovery produces from an annotation, or
 * what {@link JobScheduler#schedule} produces for a dynamic job. It holds no code: the engine finds the
 * {@link Job} by id, or the {@link PayloadJob} by {@code handler} name.
 *
 * @param id           unique job id
 * @param schedule     when it fires, including its start/end window
 * @param policy       misfire, coalesce, instances, retries, timeout, scope, priority, jitter
 * @param tags         labels to list, pause and resume groups of jobs
 * @param enabled      {@code false}: listed as disabled, never fires
 * @param initialDelay delay before the first fire of a fixed-rate or fixed-delay job
 * @param handler      for dynamic jobs the {@code @JobHandler} name, else null
 * @param payload      for dynamic jobs the encoded payload, else null
 */
public record JobDefinition(String id, Schedule schedule, JobPolicy policy, Set<String> tags, boolean enabled,
                            Duration initialDelay, String handler, String payload) {

    public JobDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a job id must not be blank");
        }
        if (schedule == null) {
            throw new NullPointerException("schedule of job '" + id + "'");
        }
        policy = policy == null ? JobPolicy.defaults() : policy;
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        if (initialDelay.isNegative()) {
            throw new InvalidJobDefinitionException(id, "initialDelay", initialDelay.toString(), "a duration of zero or more");
        }
    }

    /** A job with the default policy, no tags, enabled. */
    public static JobDefinition of(String id, Schedule schedule) {
        return new JobDefinition(id, schedule, JobPolicy.defaults(), Set.of(), true, Duration.ZERO, null, null);
    }

    public JobDefinition withSchedule(Schedule s) {
        return new JobDefinition(id, s, policy, tags, enabled, initialDelay, handler, payload);
    }

    public JobDefinition withPolicy(JobPolicy p) {
        return new JobDefinition(id, schedule, p, tags, enabled, initialDelay, handler, payload);
    }

    public JobDefinition withTags(Set<String> t) {
        return new JobDefinition(id, schedule, policy, t, enabled, initialDelay, handler, payload);
    }

    public JobDefinition withEnabled(boolean e) {
        return new JobDefinition(id, schedule, policy, tags, e, initialDelay, handler, payload);
    }

    public JobDefinition withInitialDelay(Duration d) {
        return new JobDefinition(id, schedule, policy, tags, enabled, d, handler, payload);
    }

    public JobDefinition withHandler(String handlerName, String encodedPayload) {
        return new JobDefinition(id, schedule, policy, tags, enabled, initialDelay, handlerName, encodedPayload);
    }

    /** Whether this is a dynamic job run by a named handler. */
    public boolean isDynamic() {
        return handler != null;
    }
}
