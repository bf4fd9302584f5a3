package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code punctual.job.run} observation of each run. Define a bean of this type to replace
 * {@link DefaultJobRunObservationConvention}, or extend that class to add keys.
 */
public interface JobRunObservationConvention extends ObservationConvention<JobRunObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof JobRunObservationContext;
    }
}
