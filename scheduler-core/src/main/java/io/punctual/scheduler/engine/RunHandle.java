package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.store.Fire;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** One run in flight: its claim, its thread while it runs, and why it was asked to stop. */
final class RunHandle implements JobContext {

    private static final AtomicIntegerFieldUpdater<RunHandle> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(RunHandle.class, "finished");

    final Fire fire;
    final StoreLane lane;
    /** 1 once the run's outcome was handed on (see {@link #markFinished}). */
    private volatile int finished;
    private volatile Thread thread;
    /** Set by the worker that takes the run; until then it waits in the node's queue for a worker. */
    private volatile boolean pickedUp;
    volatile Instant start;
    volatile Instant deadline;
    volatile boolean timedOut;
    volatile boolean shutdownInterrupted;
    /** How long handing this run's outcome to its store took, writing outcomes of other runs with it (nanoseconds). */
    long handOverNanos;

    RunHandle(Fire fire, StoreLane lane) {
        this.fire = fire;
        this.lane = lane;
    }

    /** Marks the outcome as handed on; false when it already was (a run's outcome is recorded once). */
    boolean markFinished() {
        return FINISHED.compareAndSet(this, 0, 1);
    }

    /** A worker took the run (before it waits for the due time, if it must). */
    void pickUp() {
        pickedUp = true;
    }

    /** Whether the run still waits in the node's queue for a worker: claimed, not taken by one, not ended. */
    boolean queued() {
        return !pickedUp && finished == 0;
    }

    synchronized void attach(Thread t) {
        thread = t;
    }

    /** Detaches the thread so that a late stop request cannot interrupt whatever it runs next. */
    synchronized void detach() {
        thread = null;
    }

    /**
     * Whether the job's code waits (on a lock, a latch, a sleep) and so will get no further without help. A run that
     * ended leaves the runs in flight once its outcome is handed on; until then it is not settled. The manual engine
     * waits for every run in flight to be settled or gone, so a test's next step never races a run still working.
     */
    boolean settled() {
        if (finished != 0) {
            return false;
        }
        Thread t = thread;
        if (t == null) {
            return false;
        }
        Thread.State state = t.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /** Asks the run to stop and interrupts its thread, if it is still running. */
    synchronized void requestStop(boolean byShutdown) {
        if (byShutdown) {
            shutdownInterrupted = true;
        } else {
            timedOut = true;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public String jobId() {
        return fire.jobId();
    }

    @Override
    public String executionId() {
        return fire.executionId();
    }

    @Override
    public Instant scheduledTime() {
        return fire.scheduledTime();
    }

    @Override
    public Instant fireTime() {
        return start;
    }

    @Override
    public int attempt() {
        return fire.attempt();
    }

    @Override
    public boolean isStopRequested() {
        return timedOut || shutdownInterrupted;
    }
}
