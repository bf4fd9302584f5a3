package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobRetryEvent;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.policy.RetryBackoff;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.NextFire;
import io.punctual.scheduler.store.PendingFire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * Runs claimed fires on the worker pool, one {@link RunHandle} each, and hands every outcome to the store
 * exactly once: from the worker when the job returns, or from the closing thread for a run that would not stop.
 */
final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final Clock clock;
    private final ExecutorService workers;
    private final JobRegistry registry;
    private final Listeners listeners;
    private final CompletionQueue completions;
    private final RandomGenerator random;
    private final String nodeId;
    private final Runnable wakeEngine;
    private final Map<String, RunHandle> inFlight = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    RunExecutor(Clock clock, ExecutorService workers, JobRegistry registry, Listeners listeners,
                CompletionQueue completions, RandomGenerator random, String nodeId, Runnable wakeEngine) {
        this.clock = clock;
        this.workers = workers;
        this.registry = registry;
        this.listeners = listeners;
        this.completions = completions;
        this.random = random;
        this.nodeId = nodeId;
        this.wakeEngine = wakeEngine;
    }

    void dispatch(Fire fire, JobStore store) {
        RunHandle handle = new RunHandle(fire);
        inFlight.put(fire.executionId(), handle);
        try {
            workers.execute(() -> run(handle, store));
        } catch (RejectedExecutionException e) {
            finish(handle, store, Outcome.INTERRUPTED, null, clock.instant(), null, "not started: the worker pool refused it");
        }
    }

    private void run(RunHandle handle, JobStore store) {
        if (!accepting) {
            finish(handle, store, Outcome.INTERRUPTED, null, clock.instant(), null, "not started: the scheduler is stopping");
            return;
        }
        Fire fire = handle.fire;
        JobDefinition def = fire.definition();
        handle.start = clock.instant();
        if (def.policy().timeout() != null) {
            handle.deadline = handle.start.plus(def.policy().timeout());
            wakeEngine.run();
        }
        listeners.tell(fire.jobId(), l -> l.jobStarted(new JobStartedEvent(fire.jobId(), fire.executionId(),
                fire.scheduledTime(), fire.dueTime(), handle.start, fire.attempt())));
        Throwable error = null;
        handle.attach(Thread.currentThread());
        try {
            registry.resolve(def).run(handle);
        } catch (Throwable t) {
            error = t;
        } finally {
            handle.detach();
            Thread.interrupted();
        }
        Outcome outcome = handle.shutdownInterrupted ? Outcome.INTERRUPTED
                : handle.timedOut ? Outcome.TIMEOUT
                : error != null ? Outcome.FAILURE : Outcome.SUCCESS;
        String detail = outcome == Outcome.TIMEOUT ? "timed out after " + def.policy().timeout() : null;
        finish(handle, store, outcome, handle.start, clock.instant(), error, detail);
        if (error instanceof VirtualMachineError vme) {
            log.error("Job '{}': {} while running; the scheduler goes on", fire.jobId(), vme.toString());
        }
    }

    /** Records the outcome once; later calls for the same run do nothing. */
    void finish(RunHandle handle, JobStore store, Outcome outcome, Instant start, Instant end, Throwable error, String detail) {
        if (!handle.finished.compareAndSet(false, true)) {
            return;
        }
        Fire fire = handle.fire;
        JobDefinition def = fire.definition();
        PendingFire retry = null;
        if (outcome.isFailure() && RetryBackoff.hasAttemptsLeft(fire.attempt(), def.policy().retries())) {
            Instant retryAt = end.plus(RetryBackoff.delay(def.policy().retryBackoff(), fire.attempt(), random));
            retry = new PendingFire(fire.jobId(), retryAt, fire.scheduledTime(), fire.attempt() + 1, FireOrigin.RETRY);
        }
        NextFire next = fire.origin() == FireOrigin.SCHEDULE && def.schedule().computedFromRunEnd()
                ? FirePlanner.after(def, end) : null;
        String errorText = error == null ? null : error.getClass().getName() + ": " + error.getMessage();
        completions.submit(store, new Completion(fire, outcome, start, end, nodeId, errorText, detail, retry, next));
        logOutcome(fire, outcome, error, retry);
        if (start != null) {
            JobFinishedEvent event = new JobFinishedEvent(fire.jobId(), fire.executionId(), fire.scheduledTime(), start,
                    end, fire.attempt(), outcome, error);
            listeners.tell(fire.jobId(), l -> {
                if (outcome == Outcome.SUCCESS) {
                    l.jobSucceeded(event);
                } else {
                    l.jobFailed(event);
                }
            });
        }
        if (retry != null) {
            JobRetryEvent event = new JobRetryEvent(fire.jobId(), fire.executionId(), retry.attempt(), retry.due());
            listeners.tell(fire.jobId(), l -> l.jobRetryScheduled(event));
        }
        inFlight.remove(fire.executionId());
        wakeEngine.run();
    }

    private static void logOutcome(Fire fire, Outcome outcome, Throwable error, PendingFire retry) {
        if (outcome == Outcome.SUCCESS) {
            log.debug("Job '{}' attempt {} succeeded", fire.jobId(), fire.attempt());
            return;
        }
        String then = retry == null ? "no retry left" : "retry " + retry.attempt() + " at " + retry.due();
        if (error != null && outcome == Outcome.FAILURE) {
            if (retry == null) { // the last attempt: the stack trace once
                log.warn("Job '{}' attempt {} failed ({}): {}", fire.jobId(), fire.attempt(), then, error.toString(), error);
            } else {
                log.warn("Job '{}' attempt {} failed ({}): {}", fire.jobId(), fire.attempt(), then, error.toString());
                log.debug("Job '{}' attempt {} failed", fire.jobId(), fire.attempt(), error);
            }
        } else {
            log.warn("Job '{}' attempt {} ended {} ({})", fire.jobId(), fire.attempt(), outcome.word(), then);
        }
    }

    /** Interrupts runs whose timeout has passed; returns the earliest deadline still ahead, or null. */
    Instant enforceTimeouts(Instant now) {
        Instant earliest = null;
        for (RunHandle h : inFlight.values()) {
            Instant deadline = h.deadline;
            if (deadline == null || h.timedOut) {
                continue;
            }
            if (!deadline.isAfter(now)) {
                log.warn("Job '{}' attempt {} exceeded its timeout of {}; interrupting it", h.jobId(), h.attempt(),
                        h.fire.definition().policy().timeout());
                h.requestStop(false);
            } else if (earliest == null || deadline.isBefore(earliest)) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    void stopAccepting() {
        accepting = false;
    }

    Collection<RunHandle> inFlight() {
        return inFlight.values();
    }

    int inFlightCount() {
        return inFlight.size();
    }
}
