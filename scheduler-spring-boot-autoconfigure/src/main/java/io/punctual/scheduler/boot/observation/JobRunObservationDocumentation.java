package io.punctual.scheduler.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observations Punctual makes, with their key names. */
public enum JobRunObservationDocumentation implements ObservationDocumentation {

    /** One run (attempt) of a job, around the invocation of its method. */
    JOB_RUN {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultJobRunObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    };

    /** Keys with few values, fit for metric tags. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The job's id; for a dynamic job its handler's name, so that meters stay few (like the meters' tag). */
        JOB_ID {
            @Override
            public String asString() {
                return "job.id";
            }
        },

        /** {@code success}, {@code failure}, {@code timeout} or {@code interrupted}; {@code unknown} while running. */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        }
    }

    /** Keys with a value per run, for spans only. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The id of this attempt in the job's history. */
        EXECUTION_ID {
            @Override
            public String asString() {
                return "execution.id";
            }
        },

        /** 1 for the first attempt, 2 for the first retry, and so on. */
        ATTEMPT {
            @Override
            public String asString() {
                return "attempt";
            }
        },

        /** For a dynamic job, its own id (unique per scheduling); absent for {@code @ScheduledJob}s. */
        DYNAMIC_JOB_ID {
            @Override
            public String asString() {
                return "dynamic.job.id";
            }

            @Override
            public boolean isRequired() {
                return false;
            }
        }
    }
}
