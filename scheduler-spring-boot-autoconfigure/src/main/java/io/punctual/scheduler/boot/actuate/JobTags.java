package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code job.id} tag of a job's meters: its id, except for dynamic jobs, whose ids are unique per scheduling
 * and are tagged with their handler's name instead, so that scheduling many of them does not create many meters.
 * A job is looked up once; the answer is remembered (at most {@value #MAX_REMEMBERED} of them).
 */
final class JobTags implements Function<String, String> {

    static final int MAX_REMEMBERED = 10_000;

    private final Supplier<JobScheduler> scheduler;
    private final Map<String, String> remembered = new ConcurrentHashMap<>();

    /** @param scheduler looked up on first use: the scheduler is built after its listeners */
    JobTags(Supplier<JobScheduler> scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public String apply(String jobId) {
        String tag = remembered.get(jobId);
        if (tag != null) {
            return tag;
        }
        try {
            tag = scheduler.get().job(jobId).map(job -> job.definition()).filter(JobDefinition::isDynamic)
                    .map(JobDefinition::handler).orElse(jobId);
        } catch (RuntimeException e) {
            return jobId; // the store did not answer: ask again next time
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(jobId, tag);
        return tag;
    }
}
