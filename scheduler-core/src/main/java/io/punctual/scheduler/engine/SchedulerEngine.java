package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.event.JobMissedEvent;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The loop: sleep until the earliest due fire (or a wake-up), claim what is due, hand it to the workers.
 * {@link #tick()} is one pass of the loop; the loop thread calls it, and so does the manual engine in tests.
 */
public final class SchedulerEngine {

    private static final Logger log = LoggerFactory.getLogger(SchedulerEngine.class);
    private static final int MAX_CLAIMS_PER_TICK = 1_000;

    private final Clock clock;
    private final Stores stores;
    private final RunExecutor runs;
    private final CompletionQueue completions;
    private final Listeners listeners;
    private final EngineSettings settings;
    private final ExecutorService workers;
    private final boolean ownsWorkers;
    private final StoreHealth storeHealth;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private boolean signalled;
    private volatile String state = "created";
    private Thread loopThread;
    private static final Duration HISTORY_PURGE_INTERVAL = Duration.ofMinutes(1);

    private Instant nextHeartbeat = Instant.MIN;
    private Instant nextPurge = Instant.MIN;
    private volatile boolean previousProcessRecovered;

    SchedulerEngine(Clock clock, Stores stores, JobRegistry registry, Listeners listeners, EngineSettings settings,
                    ExecutorService workers, boolean ownsWorkers, java.util.random.RandomGenerator random) {
        this.clock = clock;
        this.stores = stores;
        this.listeners = listeners;
        this.settings = settings;
        this.workers = workers;
        this.ownsWorkers = ownsWorkers;
        this.completions = new CompletionQueue();
        this.storeHealth = new StoreHealth(settings.pollInterval());
        this.runs = new RunExecutor(clock, workers, registry, listeners, completions, random, settings.nodeId(), this::wake);
    }

    /** Starts the loop on its own thread, or only marks the engine running when a test drives it by hand. */
    public synchronized void start(boolean withLoopThread) {
        if (!state.equals("created")) {
            return;
        }
        state = "running";
        recoverRunsOfPreviousProcess();
        if (withLoopThread) {
            loopThread = new Thread(this::loop, "punctual-scheduler");
            loopThread.setDaemon(true);
            loopThread.start();
        }
    }

    /** Before this node claims anything: runs a previous process of the same node left in flight are lost. */
    private void recoverRunsOfPreviousProcess() {
        if (previousProcessRecovered) {
            return;
        }
        try {
            for (JobStore store : stores.all()) {
                store.recoverRunsOfPreviousProcess(settings.nodeId(), clock.instant()).forEach(r -> log.warn(
                        "Job '{}': execution {} was still in flight when node {} restarted; recorded as lost",
                        r.jobId(), r.executionId(), r.node()));
            }
            previousProcessRecovered = true;
        } catch (RuntimeException e) {
            storeHealth.failed(stores.shared().name(), e, clock.instant()); // tried again on the next tick
        }
    }

    public String state() {
        return state;
    }

    public boolean isRunning() {
        return state.equals("running");
    }

    /** Whether the store answered the last time it was asked. */
    public boolean isStoreReachable() {
        return storeHealth.reachable();
    }

    /** The earliest due time of anything claimable in any store. */
    public Optional<Instant> nextDueTime() {
        return stores.all().stream().map(JobStore::nextDueTime).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** Whether something is due at or before {@code now}, or an outcome waits to be handed to the store. */
    public boolean hasDueWork(Instant now) {
        return completions.size() > 0 || nextDueTime().map(t -> !t.isAfter(now)).orElse(false);
    }

    /** Runs in flight on this node. */
    public int inFlightCount() {
        return runs.inFlightCount();
    }

    private void loop() {
        while (isRunning()) {
            Instant wakeAt;
            try {
                wakeAt = tick();
            } catch (RuntimeException e) {
                log.error("Scheduler loop error; continuing", e);
                wakeAt = clock.instant().plus(settings.pollInterval());
            }
            sleepUntil(wakeAt);
        }
    }

    /**
     * One pass: hands held outcomes to the store, claims and dispatches everything due now, enforces
     * timeouts, and does housekeeping. Returns when the next pass should run.
     */
    public Instant tick() {
        Instant now = clock.instant();
        Instant earliest = now.plus(settings.pollInterval());
        if (completions.flush() > 0) {
            earliest = storeHealth.failed(stores.shared().name(), null, now);
        }
        if (isRunning()) {
            recoverRunsOfPreviousProcess();
            for (JobStore store : stores.all()) {
                earliest = min(earliest, claimAll(store, now));
            }
        }
        earliest = min(earliest, runs.enforceTimeouts(now));
        housekeeping(now);
        return earliest;
    }

    private Instant claimAll(JobStore store, Instant now) {
        try {
            for (int i = 0; i < MAX_CLAIMS_PER_TICK && isRunning(); i++) {
                ClaimBatch batch = store.claimDue(now, settings.claimBatchSize(), settings.nodeId());
                storeHealth.succeeded(store.name(), now);
                batch.notRun().forEach(this::tellMissed);
                for (Fire fire : batch.fires()) {
                    runs.dispatch(fire, store);
                }
                if (batch.isEmpty()) {
                    break;
                }
            }
            Optional<Instant> nextDue = store.nextDueTime();
            return nextDue.orElse(null);
        } catch (RuntimeException e) {
            return storeHealth.failed(store.name(), e, now);
        }
    }

    private void tellMissed(ExecutionRecord r) {
        String reason = r.detail() == null ? "" : r.detail().split(";", 2)[0];
        JobMissedEvent event = new JobMissedEvent(r.jobId(), r.outcome(), reason, r.count(), r.scheduledTime(), r.scheduledTime());
        log.info("Job '{}': {} fire(s) {} ({})", r.jobId(), r.count(), r.outcome().word(), r.detail());
        listeners.tell(r.jobId(), l -> {
            if (r.outcome() == Outcome.COALESCED) {
                l.jobCoalesced(event);
            } else if (r.outcome() == Outcome.SKIPPED) {
                l.jobSkipped(event);
            } else {
                l.jobMisfired(event);
            }
        });
    }

    private void housekeeping(Instant now) {
        if (now.isBefore(nextHeartbeat)) {
            return;
        }
        nextHeartbeat = now.plus(settings.heartbeatInterval());
        boolean purge = !now.isBefore(nextPurge);
        for (JobStore store : stores.all()) {
            try {
                store.heartbeat(settings.nodeId(), now);
                store.recoverLostRuns(now, settings.nodeTimeout()).forEach(r ->
                        log.warn("Job '{}': execution {} on node {} was lost", r.jobId(), r.executionId(), r.node()));
                if (purge) {
                    store.deleteHistoryBefore(now.minus(settings.historyRetention()));
                }
            } catch (RuntimeException e) {
                storeHealth.failed(store.name(), e, now);
            }
        }
        if (purge) {
            nextPurge = now.plus(HISTORY_PURGE_INTERVAL); // retention is days: a purge a minute is plenty
        }
    }

    private static Instant min(Instant a, Instant b) {
        return b == null || (a != null && a.isBefore(b)) ? a : b;
    }

    /** Makes the loop look at the store now: a job was added, triggered, resumed, rescheduled or finished. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            wakeUp.signalAll();
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void sleepUntil(Instant wakeAt) {
        lock.lock();
        try {
            long nanos = Duration.between(clock.instant(), wakeAt).toNanos();
            if (!signalled && nanos > 0 && isRunning()) {
                wakeUp.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Waits, in real time, until no run is in flight on this node. Returns whether that happened in time. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (runs.inFlightCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops: no new fire starts; runs in flight get the shutdown await, then are interrupted and recorded as
     * {@code interrupted} (retried later when retries remain).
     */
    public void shutdown() {
        synchronized (this) {
            if (state.equals("stopping") || state.equals("stopped")) {
                return;
            }
            state = "stopping";
        }
        runs.stopAccepting();
        wake();
        joinLoop();
        if (!awaitIdle(settings.shutdownAwait())) {
            log.warn("{} run(s) still in flight after {}; interrupting them", runs.inFlightCount(), settings.shutdownAwait());
            runs.inFlight().forEach(h -> h.requestStop(true));
            awaitIdle(Duration.ofSeconds(1));
            for (RunHandle h : runs.inFlight()) {
                runs.finish(h, stores.forDefinition(h.fire.definition()), Outcome.INTERRUPTED, h.start, clock.instant(),
                        null, "did not stop within 1s of being interrupted at shutdown");
            }
        }
        if (ownsWorkers) {
            workers.shutdownNow();
        }
        completions.flush();
        state = "stopped";
    }

    private void joinLoop() {
        Thread t = loopThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
