package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobMissedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Tells every listener, isolating each from the others and the engine from all of them: whatever a listener
 * throws, {@link Error}s included, is logged and goes no further.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<JobListener> listeners;

    Listeners(List<JobListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void tell(String jobId, Consumer<JobListener> call) {
        for (JobListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) {
                log.warn("Job '{}': listener {} failed; ignored", jobId, listener.getClass().getName(), e);
            }
        }
    }

    /** Fires that did not run (misfired, coalesced, skipped), from the history row a claim wrote. */
    void tellMissed(ExecutionRecord r) {
        String reason = r.detail() == null ? "" : r.detail().split(";", 2)[0];
        JobMissedEvent event = new JobMissedEvent(r.jobId(), r.outcome(), reason, r.count(), r.scheduledTime(), r.scheduledTime());
        log.info("Job '{}': {} fire(s) {} ({})", r.jobId(), r.count(), r.outcome().word(), r.detail());
        tell(r.jobId(), l -> {
            if (r.outcome() == Outcome.COALESCED) {
                l.jobCoalesced(event);
            } else if (r.outcome() == Outcome.SKIPPED) {
                l.jobSkipped(event);
            } else {
                l.jobMisfired(event);
            }
        });
    }

    /** A run recorded {@code lost} (its node died): a failed attempt, for meters and health like any other. */
    void tellLost(ExecutionRecord r) {
        JobFinishedEvent event = new JobFinishedEvent(r.jobId(), r.executionId(), r.scheduledTime(),
                r.startTime() != null ? r.startTime() : r.endTime(), r.endTime(), r.attempt(), Outcome.LOST, null);
        tell(r.jobId(), l -> l.jobFailed(event));
    }
}
