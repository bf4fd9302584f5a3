package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.PayloadJob;
import org.slf4j.MDC;

import java.util.function.BooleanSupplier;

/**
 * Wraps the invocation of each {@code @ScheduledJob} and {@code @JobHandler} method: the run is a
 * {@code punctual.job.run} {@link Observation} (a span with Boot's tracing, current while the method runs, so that
 * the work it does appears as children), and its logs carry {@value #MDC_JOB}, {@value #MDC_EXECUTION} and
 * {@value #MDC_ATTEMPT} in the MDC. A dynamic job scheduled within an observation (a traced request, say) on this
 * node runs as a child of that trace, through the scheduler {@link #capturingOrigins wrapped} here.
 *
 * <p>With {@link ObservationRegistry#NOOP} only the MDC is set. Thread-safe.
 */
public final class JobRunInstrumentation {

    /** MDC key of the job's id (for a dynamic job, its own id). */
    public static final String MDC_JOB = "punctual.job";
    /** MDC key of the run's execution id, as in the job's history. */
    public static final String MDC_EXECUTION = "punctual.execution";
    /** MDC key of the attempt: 1 for the first, 2 for the first retry, and so on. */
    public static final String MDC_ATTEMPT = "punctual.attempt";

    private static final JobRunObservationConvention DEFAULT_CONVENTION = new DefaultJobRunObservationConvention();

    private final ObservationRegistry registry;
    private final JobRunObservationConvention convention;
    private final ScheduleOrigins origins;

    /**
     * @param registry   where runs are observed
     * @param convention the application's convention, or null for {@link DefaultJobRunObservationConvention}
     */
    public JobRunInstrumentation(ObservationRegistry registry, JobRunObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
        this.origins = new ScheduleOrigins(registry);
    }

    /** Sets the MDC of each run and observes nothing. */
    public static JobRunInstrumentation mdcOnly() {
        return new JobRunInstrumentation(ObservationRegistry.NOOP, null);
    }

    /**
     * A {@code @ScheduledJob}'s code, observed.
     *
     * @param shuttingDown whether the scheduler is closing: a run asked to stop then ends {@code interrupted},
     *                     otherwise {@code timeout}
     */
    public Job observe(Job job, BooleanSupplier shuttingDown) {
        return context -> run(context, null, shuttingDown, () -> job.run(context));
    }

    /** A {@code @JobHandler}'s code, observed; runs carry the handler's name. */
    public <P> PayloadJob<P> observe(String handler, PayloadJob<P> job, BooleanSupplier shuttingDown) {
        return (context, payload) -> run(context, handler, shuttingDown, () -> job.run(context, payload));
    }

    /**
     * The scheduler, with each {@code schedule(...)} call made within an observation recorded as a
     * {@code punctual.job.schedule} observation that the new dynamic job's runs on this node take as their parent.
     */
    public JobScheduler capturingOrigins(JobScheduler scheduler) {
        return origins.capturing(scheduler);
    }

    private void run(JobContext job, String handler, BooleanSupplier shuttingDown, Work work) throws Exception {
        JobRunObservationContext context = new JobRunObservationContext(job, handler);
        Observation observation = JobRunObservationDocumentation.JOB_RUN.observation(convention, DEFAULT_CONVENTION,
                () -> context, registry);
        if (handler != null) {
            Observation origin = origins.of(job.jobId(), handler);
            if (origin != null) {
                observation.parentObservation(origin);
            }
        }
        String[] previous = {MDC.get(MDC_JOB), MDC.get(MDC_EXECUTION), MDC.get(MDC_ATTEMPT)};
        MDC.put(MDC_JOB, job.jobId());
        MDC.put(MDC_EXECUTION, job.executionId());
        MDC.put(MDC_ATTEMPT, Integer.toString(job.attempt()));
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            work.run();
            context.setOutcome(outcome(job, false, shuttingDown));
        } catch (Throwable t) {
            context.setOutcome(outcome(job, true, shuttingDown));
            observation.error(t);
            throw t;
        } finally {
            observation.stop();
            restore(MDC_JOB, previous[0]);
            restore(MDC_EXECUTION, previous[1]);
            restore(MDC_ATTEMPT, previous[2]);
        }
    }

    /** As the engine will record it: a stop request wins over what the method did. */
    private static Outcome outcome(JobContext job, boolean threw, BooleanSupplier shuttingDown) {
        if (job.isStopRequested()) {
            return shuttingDown.getAsBoolean() ? Outcome.INTERRUPTED : Outcome.TIMEOUT;
        }
        return threw ? Outcome.FAILURE : Outcome.SUCCESS;
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
