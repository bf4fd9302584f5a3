package io.punctual.scheduler.boot.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.punctual.scheduler.boot.observation.JobRunObservationDocumentation.HighCardinalityKeyNames;
import io.punctual.scheduler.boot.observation.JobRunObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link JobRunObservationConvention}: observation {@code punctual.job.run}, span {@code job <job.id>},
 * low-cardinality keys {@code job.id} and {@code outcome}, high-cardinality keys {@code execution.id},
 * {@code attempt} and, for dynamic jobs, {@code dynamic.job.id}.
 */
public class DefaultJobRunObservationConvention implements JobRunObservationConvention {

    /** The observation's name; the timer Boot derives from it is {@code punctual.job.run}. */
    public static final String NAME = "punctual.job.run";

    private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "unknown");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(JobRunObservationContext context) {
        return "job " + jobId(context);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(JobRunObservationContext context) {
        KeyValue outcome = context.getOutcome() == null ? OUTCOME_UNKNOWN
                : KeyValue.of(LowCardinalityKeyNames.OUTCOME, context.getOutcome().word());
        return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.JOB_ID, jobId(context)), outcome);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(JobRunObservationContext context) {
        KeyValues values = KeyValues.of(KeyValue.of(HighCardinalityKeyNames.EXECUTION_ID, context.getExecutionId()),
                KeyValue.of(HighCardinalityKeyNames.ATTEMPT, Integer.toString(context.getAttempt())));
        return context.isDynamic() ? values.and(KeyValue.of(HighCardinalityKeyNames.DYNAMIC_JOB_ID, context.getJobId())) : values;
    }

    /** The job's id, or a dynamic job's handler name: bounded, like the meters' {@code job.id} tag. */
    protected String jobId(JobRunObservationContext context) {
        return context.isDynamic() ? context.getHandler() : context.getJobId();
    }
}
