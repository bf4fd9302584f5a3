package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobRetryEvent;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.policy.CompletionPlanner;
import io.punctual.scheduler.policy.CompletionPlanner.CompletionPlan;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * Runs claimed fires on the worker pool, one {@link RunHandle} each, and hands every outcome to its store's lane
 * exactly once: from the worker when the job returns, or from the closing thread for a run that would not stop.
 * Whatever the job or a listener throws, the run's slot is released and its outcome recorded. A node holds as many
 * fires as it has slots: one per worker, plus a queue of fires claimed to wait in the executor's queue until a worker
 * is free, as {@link Slots} allows. Each fire holds its slot from its claim to its outcome.
 */
final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final Clock clock;
    /** The executor of the runs since the engine last started (see {@link WorkerPool}). */
    private volatile ExecutorService workers;
    /** Worker threads, and the queue: fires beyond the workers wait in the executor's queue. */
    private final Slots slots;
    private final JobRegistry registry;
    private final Listeners listeners;
    private final RandomGenerator random;
    private final String nodeId;
    private final Runnable wakeEngine;
    private final Runnable onIdle;
    private final Map<String, RunHandle> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean starved = new AtomicBoolean();
    /** Runs in flight with a timeout: without any, {@link #enforceTimeouts} has nothing to look at. */
    private final AtomicInteger timed = new AtomicInteger();
    private volatile boolean accepting;

    /**
     * @param slots how many runs take a worker at once, and how many fires the node holds at once
     */
    RunExecutor(Clock clock, ExecutorService workers, Slots slots, JobRegistry registry, Listeners listeners,
                RandomGenerator random, String nodeId, Runnable wakeEngine, Runnable onIdle) {
        this.clock = clock;
        this.workers = workers;
        this.accepting = workers != null; // none: the engine hands them over as it starts
        this.slots = slots;
        this.registry = registry;
        this.listeners = listeners;
        this.random = random;
        this.nodeId = nodeId;
        this.wakeEngine = wakeEngine;
        this.onIdle = onIdle;
    }

    /** Slots in all now: workers, and places in the queue (see {@link Slots}). */
    int capacity() {
        return slots.count();
    }

    /**
     * Slots not taken by a fire in flight (running, waiting for its due time, or queued for a worker): how many fires
     * this node may claim now. Without a queue, the free workers.
     */
    int freeSlots() {
        return slots.count() - inFlight.size();
    }

    /** The engine found more due than it had workers for: the next run to end wakes it. */
    void markStarved() {
        starved.set(true);
    }

    /**
     * Waits, at most {@code patience}, until half the slots are free (half the workers, without a queue): while more is
     * due than slots, a claim for many freed slots costs what a claim for one does. Runs that end within microseconds
     * fill the batch at once; long runs make a due fire wait at most {@code patience} longer. Returns the free slots.
     */
    int awaitBatch(java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        int half = Math.max(1, slots.count() / 2);
        int free = freeSlots();
        while (free < half && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            free = freeSlots();
        }
        return free;
    }

    void dispatch(Fire fire, StoreLane lane) {
        RunHandle handle = new RunHandle(fire, lane);
        inFlight.put(fire.executionId(), handle);
        if (!accepting) { // stopping: nothing is claimed any more, but a claim settled meanwhile may still hand one over
            finish(handle, Outcome.INTERRUPTED, null, lane.now(), null, "not started: the scheduler is stopping");
            return;
        }
        try {
            workers.execute(() -> run(handle));
        } catch (RejectedExecutionException e) {
            finish(handle, Outcome.INTERRUPTED, null, lane.now(), null, "not started: the worker pool refused it");
        }
    }

    /**
     * Whether every fire in flight waits on something and gets no further without help: its run's code waits (see
     * {@link RunHandle#settled}), or it is queued while every worker holds such a run.
     */
    boolean allSettled() {
        int waiting = 0;
        boolean queued = false;
        for (RunHandle h : inFlight.values()) {
            if (h.settled()) {
                waiting++;
            } else if (h.queued()) {
                queued = true;
            } else {
                return false;
            }
        }
        return !queued || waiting >= slots.threads();
    }

    private void run(RunHandle handle) {
        handle.pickUp();
        Outcome outcome = Outcome.INTERRUPTED;
        Throwable error = null;
        String detail = "not started: the scheduler is stopping";
        long began = 0; // nanoTime when the run took its worker for work, after its due time; set with handle.start
        try {
            Fire fire = handle.fire;
            if (!awaitDue(handle)) {
                return; // the shutdown's await ran out first: not started
            }
            detail = null;
            began = System.nanoTime();
            JobDefinition def = fire.definition();
            handle.start = handle.lane.now();
            if (def.policy().timeout() != null) {
                timed.incrementAndGet();
                handle.deadline = clock.instant().plus(def.policy().timeout());
                wakeEngine.run();
            }
            listeners.tell(fire.jobId(), l -> l.jobStarted(new JobStartedEvent(fire.jobId(), fire.executionId(),
                    fire.scheduledTime(), fire.dueTime(), handle.start, fire.attempt())));
            handle.attach(Thread.currentThread());
            try {
                registry.resolve(def).run(handle);
            } catch (Throwable t) {
                error = t;
            } finally {
                handle.detach();
                Thread.interrupted();
            }
            outcome = handle.shutdownInterrupted ? Outcome.INTERRUPTED
                    : handle.timedOut ? Outcome.TIMEOUT
                    : error != null ? Outcome.FAILURE : Outcome.SUCCESS;
            String timedOut = outcome == Outcome.TIMEOUT ? "timed out after " + def.policy().timeout() : null;
            detail = fire.detail() == null ? timedOut : timedOut == null ? fire.detail() : fire.detail() + "; " + timedOut;
            if (error instanceof VirtualMachineError vme) {
                log.error("Job '{}': {} while running; the scheduler goes on", fire.jobId(), vme.toString());
            }
        } catch (Throwable t) {
            error = t; // not the job's: a listener or the registry; the run still ends and frees its slot
            outcome = Outcome.FAILURE;
        } finally {
            finish(handle, outcome, handle.start, handle.lane.now(), error, detail);
            if (handle.start != null) {
                // how long it held its worker, outcome handed on: what the queue is sized by. Not the time its worker
                // spent writing a batch of outcomes to the store, for the runs of every worker: a worker that does so
                // while draining would otherwise make every run look that long, and shrink the queue for all of them
                slots.ran(System.nanoTime() - began - handle.handOverNanos);
            }
        }
    }

    /**
     * A fire claimed ahead of its due time starts at that time by its store's clock, never before. It is in flight
     * from its claim, so a shutdown that begins meanwhile lets it start and run within the shutdown's await, like any
     * run in flight: recorded {@code interrupted} without having run, with no retry left, it would be lost. Returns false
     * when that await ran out first (the run was asked to stop).
     */
    private boolean awaitDue(RunHandle handle) {
        long nanos;
        while ((nanos = handle.lane.nanosUntil(handle.fire.dueTime())) > 0) {
            if (handle.shutdownInterrupted) {
                return false;
            }
            LockSupport.parkNanos(Math.min(nanos, 10_000_000L));
        }
        return !handle.shutdownInterrupted;
    }

    /** Records the outcome once; later calls for the same run do nothing. */
    void finish(RunHandle handle, Outcome outcome, Instant start, Instant end, Throwable error, String detail) {
        if (!handle.markFinished()) {
            return;
        }
        Fire fire = handle.fire;
        boolean wake = false;
        try {
            CompletionPlan plan = CompletionPlanner.plan(fire.definition(), fire.origin(), fire.scheduledTime(),
                    fire.attempt(), outcome, end, random, fire.detail());
            String errorText = OutcomeText.errorOf(error); // the same bounded text for every store
            long handOver = System.nanoTime();
            wake = handle.lane.complete(new Completion(fire, outcome, start, end, nodeId, errorText, detail, plan.retry(), plan.next()),
                    slots.count());
            handle.handOverNanos = System.nanoTime() - handOver;
            try {
                logOutcome(fire, outcome, error, plan);
            } catch (RuntimeException e) { // the job's exception would not print itself: its listeners are told all the same
                log.warn("Job '{}' attempt {} ended {}; its exception {} could not be logged: {}", fire.jobId(), fire.attempt(),
                        outcome.word(), error == null ? null : error.getClass().getName(), e.toString());
            }
            tellFinished(fire, outcome, start, end, error, plan);
        } finally {
            if (handle.deadline != null) {
                timed.decrementAndGet();
            }
            inFlight.remove(fire.executionId());
            if (inFlight.isEmpty()) {
                onIdle.run();
            }
            // more was due than there were workers: claim for this one now (runs ending meanwhile join the batch)
            if (starved.compareAndSet(true, false) || wake) {
                wakeEngine.run();
            }
        }
    }

    private void tellFinished(Fire fire, Outcome outcome, Instant start, Instant end, Throwable error, CompletionPlan plan) {
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
        if (plan.retry() != null) {
            JobRetryEvent event = new JobRetryEvent(fire.jobId(), fire.executionId(), plan.retry().attempt(), plan.retry().due());
            listeners.tell(fire.jobId(), l -> l.jobRetryScheduled(event));
        }
    }

    private static void logOutcome(Fire fire, Outcome outcome, Throwable error, CompletionPlan plan) {
        if (outcome == Outcome.SUCCESS) {
            log.debug("Job '{}' attempt {} succeeded", fire.jobId(), fire.attempt());
            return;
        }
        String then = plan.retry() == null ? "no retry left" : "retry " + plan.retry().attempt() + " at " + plan.retry().due();
        if (error != null && outcome == Outcome.FAILURE) {
            if (plan.retry() == null) { // the last attempt: the stack trace once
                log.warn("Job '{}' attempt {} failed ({}): {}", fire.jobId(), fire.attempt(), then, error.toString(), error);
            } else {
                log.warn("Job '{}' attempt {} failed ({}): {}", fire.jobId(), fire.attempt(), then, error.toString());
                log.debug("Job '{}' attempt {} failed", fire.jobId(), fire.attempt(), error);
            }
        } else {
            log.warn("Job '{}' attempt {} ended {} ({})", fire.jobId(), fire.attempt(), outcome.word(), then);
        }
    }

    /** Interrupts runs whose timeout has passed; returns the earliest deadline still ahead (engine time), or null. */
    Instant enforceTimeouts() {
        if (timed.get() == 0) {
            return null;
        }
        Instant now = clock.instant();
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

    /**
     * The engine starts again after a stop: fires dispatched from now on run on {@code workers}. Every run of before
     * has its outcome handed on by then (the stop waited for it, or recorded it interrupted), so none is in flight.
     */
    void startAccepting(ExecutorService workers) {
        this.workers = workers;
        accepting = true;
    }

    Collection<RunHandle> inFlight() {
        return inFlight.values();
    }

    int inFlightCount() {
        return inFlight.size();
    }
}
