package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Hands outcomes to the store. An outcome the store cannot take now (it is unreachable) is kept and handed
 * again on the engine's next tick, so that no outcome is lost to an outage.
 */
final class CompletionQueue {

    private static final Logger log = LoggerFactory.getLogger(CompletionQueue.class);

    private record Held(JobStore store, Completion completion) {
    }

    private final Deque<Held> held = new ArrayDeque<>();

    void submit(JobStore store, Completion completion) {
        synchronized (this) {
            if (!held.isEmpty()) {
                held.addLast(new Held(store, completion));
                return;
            }
        }
        if (!tryComplete(store, completion)) {
            synchronized (this) {
                held.addLast(new Held(store, completion));
            }
        }
    }

    /** Hands held outcomes to their store, oldest first; stops at the first that still fails. */
    synchronized int flush() {
        while (!held.isEmpty()) {
            Held h = held.peekFirst();
            if (!tryComplete(h.store, h.completion)) {
                break;
            }
            held.removeFirst();
        }
        return held.size();
    }

    synchronized int size() {
        return held.size();
    }

    private static boolean tryComplete(JobStore store, Completion c) {
        try {
            if (!store.complete(c)) {
                log.warn("Job '{}': the store refused the outcome {} of execution {}: the claim is no longer held",
                        c.fire().jobId(), c.outcome().word(), c.fire().executionId());
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("Job '{}': outcome of execution {} kept until the store is back: {}", c.fire().jobId(),
                    c.fire().executionId(), e.toString());
            return false;
        }
    }
}
