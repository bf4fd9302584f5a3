package io.punctual.scheduler.engine;

import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.SchedulerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The loop: sleep until the earliest due fire (or a wake-up), then let each store's lane write outcomes, do its
 * housekeeping and claim what is due, as many fires as there are free workers. Nothing a pass throws, not even an
 * {@link Error}, ends the loop. {@link #tick()} is one pass; the loop thread calls it, and so does the manual
 * engine of tests.
 */
final class SchedulerEngine {

    private static final Logger log = LoggerFactory.getLogger(SchedulerEngine.class);

    private final Clock clock;
    private final WaitClock waitClock;
    private final List<StoreLane> lanes;
    private final RunExecutor runs;
    private final EngineSettings settings;
    private final WorkerPool workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private boolean signalled;
    /** When the sleeping loop means to look again (engine time); null while it is awake. */
    private volatile Instant plannedWake;
    /**
     * The earliest next fire of the jobs saved while the loop was awake (engine time), or null: the pass under way may
     * not have seen them, so the loop looks again by then (less the claims' lead) instead of passing again at once.
     * Guarded by {@link #lock}.
     */
    private Instant savedWhileAwake;
    private volatile SchedulerState state = SchedulerState.CREATED;
    /** Whether {@link #close} ended the engine for good: it never starts again. Guarded by this. */
    /** Whether the engine runs its own threads, as its first start decided (null before); a restart keeps that. */
    private volatile Boolean threaded;
    private volatile Thread loopThread;
    private volatile Thread housekeepingThread;
    private final List<AutoCloseable> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    SchedulerEngine(Clock clock, Stores stores, JobRegistry registry, Listeners listeners, EngineSettings settings,
                    WorkerPool workers, java.util.random.RandomGenerator random) {
        this.clock = clock;
        this.waitClock = new WaitClock(clock);
        this.settings = settings;
        this.workers = workers;
        this.lanes = stores.all().stream().map(s -> new StoreLane(s, clock, settings, listeners, this::wake)).toList();
        this.runs = new RunExecutor(clock, null, settings.slots(), registry, listeners, random, settings.nodeId(),
                this::signal, this::signalIdle);
    }

    /**
     * Starts the loop on its own thread, or only marks the engine running when a test drives it by hand; does nothing
     * while running. After {@link #stop} it starts again as it first started (threads or by hand), whatever
     * {@code withLoopThread} says: a test's engine driven by hand never gets a loop of its own behind the test's back.
     * Waits for a stop under way on another thread to end first.
     *
     * @throws IllegalStateException once {@link #close} has ended the engine
     */
    synchronized void start(boolean withLoopThread) {
        if (state == SchedulerState.CLOSED) {
            throw new IllegalStateException("The scheduler was closed and cannot start again;"
                    + " stop() pauses a scheduler that is to start again, close() ends it");
        }
        if (state == SchedulerState.RUNNING) {
            return;
        }
        boolean restart = threaded != null;
        if (restart) {
            lanes.forEach(StoreLane::restart);
        } else {
            threaded = withLoopThread;
        }
        runs.startAccepting(workers.open());
        state = SchedulerState.RUNNING;
        if (threaded) {
            for (StoreLane lane : lanes) {
                watches.add(lane.watch(this::wake));
            }
            loopThread = new Thread(this::loop, "punctual-scheduler");
            loopThread.setDaemon(true);
            loopThread.start();
            housekeepingThread = new Thread(this::housekeepingLoop, "punctual-heartbeat");
            housekeepingThread.setDaemon(true);
            housekeepingThread.start();
        }
        if (restart) {
            log.debug("Scheduler on node '{}' started again", settings.nodeId());
        }
    }

    /** Now by the clock of {@code store}'s decisions: the database's for a shared store, else the engine's. */
    Instant now(io.punctual.scheduler.store.JobStore store) {
        for (StoreLane lane : lanes) {
            if (lane.store == store) {
                return lane.now();
            }
        }
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    SchedulerState state() {
        return state;
    }

    boolean isRunning() {
        return state == SchedulerState.RUNNING;
    }

    /** Whether the shared store took the last call, or cannot be reached, or refuses the scheduler's statements. */
    StoreHealth.Shown storeHealth() {
        return lanes.get(lanes.size() - 1).health.shown();
    }

    /**
     * The earliest due time of anything claimable in any store, on the engine's clock; none while not running, since
     * nothing is claimed then (a test that moves a stopped scheduler's clock runs nothing, and does not wait for it).
     */
    Optional<Instant> nextDueTime() {
        if (!isRunning()) {
            return Optional.empty();
        }
        return lanes.stream().flatMap(l -> l.store.nextDueTime().map(l::toEngineTime).stream()).min(Instant::compareTo);
    }

    /** Whether something is due at or before {@code now}, or an outcome waits to be handed to a store. */
    boolean hasDueWork(Instant now) {
        return lanes.stream().anyMatch(StoreLane::hasQueuedOutcomes) || nextDueTime().map(t -> !t.isAfter(now)).orElse(false);
    }

    int inFlightCount() {
        return runs.inFlightCount();
    }

    private void loop() {
        // a loop that outlived its stop's join (a store call that hung) ends rather than run beside a restart's
        while (isRunning() && loopThread == Thread.currentThread()) {
            Instant wakeAt;
            try {
                wakeAt = tick();
            } catch (Throwable e) {
                log.error("Scheduler loop error; continuing", e);
                wakeAt = clock.instant().plus(settings.pollInterval());
            }
            sleepUntil(wakeAt);
        }
    }

    /**
     * One pass: each store's lane writes held outcomes, settles uncertain claims, does its housekeeping and
     * claims what is due; then timeouts are enforced. Returns when the next pass should run (engine time).
     */
    Instant tick() {
        return tick(false);
    }

    /** @param ignoreBackoff try a store even while its outage's backoff runs (a test drives the engine by hand) */
    Instant tick(boolean ignoreBackoff) {
        Instant now = clock.instant();
        if (state == SchedulerState.STOPPED || state == SchedulerState.CLOSED) {
            // a stopped node leaves the stores alone, a test's engine driven by hand too: no claim, no heartbeat
            return now.plus(settings.pollInterval());
        }
        Instant earliest = null;
        boolean withHousekeeping = !Boolean.TRUE.equals(threaded); // a test drives the engine: all on its thread
        boolean starvedLanes = false;
        for (StoreLane lane : lanes) {
            Instant next = lane.pass(runs, isRunning(), ignoreBackoff, withHousekeeping);
            starvedLanes |= next == StoreLane.WORKERS_BUSY;
            earliest = min(earliest, next == StoreLane.WORKERS_BUSY ? null : next);
        }
        if (starvedLanes) {
            runs.markStarved();
            if (runs.freeSlots() > 0) {
                earliest = now; // a worker freed while this pass ended: no sleep, no wake-up lost
            }
        }
        earliest = min(earliest, runs.enforceTimeouts());
        // at the latest a poll interval from now (the comparison's sum is not kept: one instant per pass at most)
        return earliest != null && !earliest.isAfter(now.plus(settings.pollInterval())) ? earliest
                : now.plus(settings.pollInterval());
    }

    /** Heartbeats, lost nodes and purges, apart from claims: a slow claim never silences this node. */
    private void housekeepingLoop() {
        while (isRunning() && housekeepingThread == Thread.currentThread()) {
            Instant next = clock.instant().plus(settings.heartbeatInterval());
            for (StoreLane lane : lanes) {
                try {
                    lane.housekeepingIfDue();
                    next = min(next, lane.nextHousekeeping());
                } catch (Throwable e) {
                    log.error("Store '{}': housekeeping failed; continuing", lane.store.name(), e);
                }
            }
            long millis = Math.max(10, Math.min(Duration.between(clock.instant(), next).toMillis(), 1_000));
            try {
                Thread.sleep(millis); // a real-time pause of this thread only: the engine's clock decides what is due
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return b == null || (a != null && a.isBefore(b)) ? a : b;
    }

    /**
     * Makes the loop look at the stores now: a job was added, triggered, resumed or rescheduled, here or on another
     * node, or outcomes made something claimable; what each lane knew of its next due fire may be stale now.
     */
    void wake() {
        for (StoreLane lane : lanes) {
            lane.forgetNextDue();
        }
        signal();
    }

    /** Makes the loop look at the stores now, for this node's own runs (one ended, a timeout began): nothing new is due. */
    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wakeUp.signalAll();
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No run is in flight any more: whoever awaits that may go on (the loop is not woken). */
    private void signalIdle() {
        lock.lock();
        try {
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A job was saved whose next fire is {@code next} (by {@code store}'s clock): wakes the loop only when that is
     * sooner than the loop means to look anyway, so a stream of jobs scheduled for later costs no wake-ups.
     */
    void wakeFor(io.punctual.scheduler.store.JobStore store, io.punctual.scheduler.store.NextFire next) {
        if (next == null) {
            return;
        }
        Instant due = next.due();
        for (StoreLane lane : lanes) {
            if (lane.store == store) {
                lane.noteDue(due); // what it knows of its next fire may be later than this one now
                due = lane.toEngineTime(due);
            }
        }
        lock.lock();
        try {
            Instant planned = plannedWake;
            if (planned == null) {
                // awake: the pass under way may have missed the job; the loop looks again by its fire before sleeping.
                // (Waking it would start another pass at once: jobs saved at a steady rate kept the loop passing, each
                // pass claiming a fire or so, a transaction each.)
                savedWhileAwake = savedWhileAwake == null || due.isBefore(savedWhileAwake) ? due : savedWhileAwake;
            } else if (due.isBefore(planned)) {
                signalled = true;
                wakeUp.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void sleepUntil(Instant wakeAt) {
        lock.lock();
        try {
            if (savedWhileAwake != null) {
                // a lane claims a fire up to its lead before it is due: look again early enough for the longest lead
                Instant byThen = savedWhileAwake.minus(StoreLane.CLAIM_AHEAD);
                wakeAt = byThen.isBefore(wakeAt) ? byThen : wakeAt;
                savedWhileAwake = null;
            }
            plannedWake = signalled ? null : wakeAt;
            long nanos = waitClock.nanosUntil(wakeAt);
            if (!signalled && nanos > 0 && isRunning()) {
                wakeUp.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            plannedWake = null; // awake: a pass is about to run and will see what was saved
            lock.unlock();
        }
    }

    /** Waits, in real time, until no run is in flight and every outcome is written. Returns whether in time. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (runs.inFlightCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
        writeOutcomes();
        return true;
    }

    /**
     * Waits, in real time, until every run in flight has ended or waits on something (a latch, a lock, a sleep),
     * then writes the outcomes of those that ended: what a test does next never races a run still working.
     */
    void awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !runs.allSettled()) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        writeOutcomes();
    }

    private void writeOutcomes() {
        writeOutcomes(false);
    }

    /** @param finalTry also try the outcomes a store refused and holds for a later try (the scheduler stops) */
    private void writeOutcomes(boolean finalTry) {
        for (StoreLane lane : lanes) {
            lane.writeQueuedOutcomes(finalTry);
        }
    }

    /**
     * Stops firing: no new fire starts; runs in flight get the shutdown await, then are interrupted and recorded as
     * {@code interrupted} (retried later when retries remain); what they queued is written. The stores, jobs, handlers
     * and listeners stay, so {@link #start} fires again. Returns once stopped, also when another thread's stop is
     * under way; does nothing when not running.
     */
    synchronized void stop() {
        if (state != SchedulerState.RUNNING) {
            if (state == SchedulerState.CREATED) {
                state = SchedulerState.STOPPED; // never started: nothing runs, but it says it stopped, as it did
            }
            return;
        }
        state = SchedulerState.STOPPING; // the loop claims nothing more; a pass under way ends first (joined below)
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                log.debug("Stopping a store's watch failed", e);
            }
        }
        watches.clear();
        wake();
        if (housekeepingThread != null) {
            housekeepingThread.interrupt();
        }
        join(loopThread);
        join(housekeepingThread); // a heartbeat in progress ends before stop returns, not after the store is closed
        loopThread = null;
        housekeepingThread = null;
        // only now: the fires of a claim that was under way when the stop began are in flight in the store from its
        // commit, and are handed to workers like any other (StopDuringClaimTest); refused, they would be recorded
        // interrupted without having run, and a job with no retry left would lose them. What a loop that outlived its
        // join hands over later is refused (recorded not started).
        runs.stopAccepting();
        if (!awaitIdle(settings.shutdownAwait())) {
            log.warn("{} run(s) still in flight after {}; interrupting them", runs.inFlightCount(), settings.shutdownAwait());
            runs.inFlight().forEach(h -> h.requestStop(true));
            awaitIdle(Duration.ofSeconds(1));
            for (RunHandle h : runs.inFlight()) {
                runs.finish(h, Outcome.INTERRUPTED, h.start, h.lane.now(), null,
                        "did not stop within 1s of being interrupted at shutdown");
            }
        }
        workers.close();
        writeOutcomes(true);
        state = SchedulerState.STOPPED;
    }

    /** Stops (see {@link #stop}) for good: a later {@link #start} throws. */
    synchronized void close() {
        stop();
        state = SchedulerState.CLOSED;
    }

    private static void join(Thread t) {
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
