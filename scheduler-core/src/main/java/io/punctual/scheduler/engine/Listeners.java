package io.punctual.scheduler.engine;

import io.punctual.scheduler.event.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/** Tells every listener, isolating each from the others' exceptions. */
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
            } catch (RuntimeException e) {
                log.warn("Job '{}': listener {} failed; ignored", jobId, listener.getClass().getName(), e);
            }
        }
    }
}
