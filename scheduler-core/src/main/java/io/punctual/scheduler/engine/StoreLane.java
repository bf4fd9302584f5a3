package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.ClaimCommitUnknownException;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.Turnover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the engine does with one store, apart from other stores: its time, its health, its queue of
 * outcomes, its claims and its housekeeping. An outage of the shared store therefore never holds up node-scope
 * jobs in the memory store. Only the engine's thread calls {@link #pass}; workers add outcomes.
 *
 * <p><b>Time.</b> What is due is decided by the store's clock as {@link StoreClock} tells it: a database's, by the
 * offset measured at each heartbeat, else the engine's.
 */
final class StoreLane {

    private static final Logger log = LoggerFactory.getLogger(StoreLane.class);
    /** What {@link #pass} returns when it stopped claiming for want of free workers. */
    static final Instant WORKERS_BUSY = Instant.MIN;
    /** How long a remote store's outcome may wait for the engine's next pass before the engine is woken for it. */
    static final Duration OUTCOME_LINGER = Duration.ofMillis(10);
    /** How long a claim waits for half the workers to be free while more is due than workers (see {@link RunExecutor#awaitBatch}). */
    static final Duration DRAIN_PATIENCE = Duration.ofMillis(2);
    /** How far ahead of their due time a remote store's fires are claimed (see {@link #claimAhead}). */
    static final Duration CLAIM_AHEAD = Duration.ofMillis(20);
    /** How much further than {@link #CLAIM_AHEAD} a claim reaches, so that fires due close together share it. */
    static final Duration CLAIM_BATCH = Duration.ofMillis(5);
    /** How far ahead of their due time a store in this process has its fires claimed on real time (see {@link #claimAhead}). */
    static final Duration LOCAL_CLAIM_AHEAD = Duration.ofMillis(1);
    /** How much further than {@link #LOCAL_CLAIM_AHEAD} a claim from a store in this process reaches. */
    static final Duration LOCAL_CLAIM_BATCH = Duration.ofMillis(1);
    /** What the lane asks of the store when it writes outcomes, as the log names it when the store fails it. */
    private static final String WRITING_OUTCOMES = "writing outcomes";

    final JobStore store;
    /** Whether the store is a server ({@link JobStore#remote}): asked once, so a store that fails every call in an outage is not asked then. */
    private final boolean remote;
    /** The most fires one claim of the store returns ({@link JobStore#maxClaim}): asked once, as {@link #remote} is. */
    private final int maxClaim;
    final StoreHealth health;
    final OutcomeQueue outcomes;
    private final Clock clock;
    private final StoreClock time;
    private final EngineSettings settings;
    private final Listeners listeners;
    /** {@link #now}, made once: handed to the health tracker at every answer. */
    private final java.util.function.Supplier<Instant> storeNow = this::now;
    /** Claims whose commit failed with an unknown outcome, until the store tells what it holds of them. */
    private final UncertainClaims uncertain;
    /** Heartbeat, lost runs, history purge. */
    private final LaneHousekeeping housekeeping;
    /** When the engine passes over this store next at the latest (engine time); null while a pass is on. */
    private volatile Instant nextPass;
    /** Whether the last claim filled the free workers with due fires: more is due than this node can start. */
    private volatile boolean draining;
    /**
     * The earliest fire the last claim left in the store (store time), until something else may have brought one
     * sooner ({@link #forgetNextDue}); null when not known.
     */
    private volatile Instant knownNextDue;
    /** Whether the last pass put a claim off while outcomes waited: the next pass writes them, put off or not. */
    private boolean putOffWithOutcomes;

    StoreLane(JobStore store, Clock clock, EngineSettings settings, Listeners listeners, Runnable wake) {
        this.store = store;
        this.remote = store.remote();
        this.maxClaim = Math.max(1, store.maxClaim());
        this.clock = clock;
        this.time = new StoreClock(store, remote, clock, settings.storeClock());
        this.settings = settings;
        this.listeners = listeners;
        this.health = new StoreHealth(store.name(), settings.pollInterval());
        this.outcomes = new OutcomeQueue(store, wake, this::now, settings.pollInterval());
        this.uncertain = new UncertainClaims(store, listeners, outcomes, settings.nodeId());
        this.housekeeping = new LaneHousekeeping(store, time, health, settings, listeners);
    }

    /** Now, by the store's clock. */
    Instant now() {
        return time.now();
    }

    /** Nanoseconds, in real time, until the store's clock reads {@code storeTime}; zero or less when it does already. */
    long nanosUntil(Instant storeTime) {
        return time.nanosUntil(storeTime);
    }

    /** An instant of the store's clock, on the engine's clock (to sleep until it). */
    Instant toEngineTime(Instant storeTime) {
        return time.toEngineTime(storeTime);
    }

    /** Asks the store to wake the engine on other nodes' changes; see {@link JobStore#watch}. */
    AutoCloseable watch(Runnable wake) {
        try {
            return store.watch(wake);
        } catch (RuntimeException e) {
            log.warn("Store '{}': cannot watch for other nodes' changes; polling instead: {}", store.name(), e.toString());
            return () -> { };
        }
    }

    /**
     * Hands a run's outcome to the store. A store in this process takes it at once, on the calling worker. A remote
     * store gets it with the engine's next pass, in the transaction of that pass's claim; the engine is woken for it
     * only when that pass is more than {@link #OUTCOME_LINGER} away: outcomes ride claims, and an idle node writes
     * each outcome within milliseconds. While the engine drains a backlog (each claim fills the free workers), the
     * outcomes ride the engine's claims too, but once as many wait as there are workers, the worker that finds them
     * writes them itself, beside the claims: a claim then never carries more than a batch of them, and each transaction
     * carries several outcomes (in S1, workers writing whatever was queued made commits of three outcomes each once the
     * transactions became cheaper, above the 0.3 commits per job the runtime-core issue allows). Returns whether the
     * engine must be woken for it.
     *
     * @param slots how many fires the node holds at once (workers and queue): while draining, the number of outcomes a
     *              worker writes at once
     */
    boolean complete(Completion completion, int slots) {
        outcomes.add(completion);
        if (remote && !draining) {
            Instant next = nextPass; // read after the add: a pass that ends meanwhile sees the outcome (see pass)
            return next != null && next.isAfter(clock.instant().plus(OUTCOME_LINGER));
        }
        if (remote && outcomes.size() < slots) {
            // draining (read after the add: a pass that ends the drain sees the outcome at its end, see pass)
            return false;
        }
        if (health.reachable()) {
            try {
                outcomes.writeIfIdle();
            } catch (RuntimeException e) {
                health.failed(e, now(), WRITING_OUTCOMES);
            }
        }
        return false;
    }

    /**
     * One pass over the store: settles uncertain claims, does housekeeping when due, writes waiting outcomes and
     * claims as many due fires as {@code runs} has free workers, in one store call. Returns when the engine should
     * look again (engine time): now when the claim filled its batch and workers are still free, {@link #WORKERS_BUSY}
     * when the workers ran out (a run's end wakes the engine), or null for "when woken".
     */
    Instant pass(RunExecutor runs, boolean running, boolean ignoreBackoff, boolean withHousekeeping) {
        if (!remote) { // the workers write a local store's outcomes themselves: nothing waits for the next pass
            return byHeldRetry(passOnce(runs, running, ignoreBackoff, withHousekeeping));
        }
        nextPass = null; // a pass is on: outcomes queued from now on are seen at its end
        Instant next = passOnce(runs, running, ignoreBackoff, withHousekeeping);
        Instant engineNow = clock.instant();
        nextPass = next == WORKERS_BUSY || next == null ? engineNow.plus(settings.pollInterval()) : next;
        // outcomes came in during the pass: another pass now, unless a worker is writing them (it takes all that is
        // queued before it lets go: a pass now would get none of them, and claim nothing new, again and again)
        if (outcomes.size() > 0 && !outcomes.writing() && nextPass.isAfter(engineNow.plus(OUTCOME_LINGER))
                && health.mayTry(now())) {
            return next == WORKERS_BUSY ? WORKERS_BUSY : engineNow;
        }
        return byHeldRetry(next);
    }

    /**
     * {@code next}, or sooner when an outcome the store refused alone is to be tried again before it (see
     * {@link OutcomeQueue}). Not while the store is unreachable: its own backoff decides then.
     */
    private Instant byHeldRetry(Instant next) {
        Instant retry = outcomes.nextRetry();
        if (retry == null || next == WORKERS_BUSY || !health.reachable()) {
            return next;
        }
        Instant at = toEngineTime(retry);
        return next == null || at.isBefore(next) ? at : next;
    }

    /**
     * How far ahead of their due time this lane claims fires: a remote store's claim takes a transaction, so on real
     * time its fires are claimed {@link #CLAIM_AHEAD} early and start at their due time, not a transaction later. A
     * store in this process claims in microseconds, but the engine's wake-up, its claim and the hand-over to a worker
     * still took about 0.2 ms at 200 fires/s (S6): its fires are claimed {@link #LOCAL_CLAIM_AHEAD} early, and each starts
     * from a worker already waiting for it. A test's clock ({@code storeClock} off) owns time: none ahead.
     */
    private Duration claimAhead() {
        if (!settings.storeClock()) {
            return Duration.ZERO;
        }
        return remote ? CLAIM_AHEAD : LOCAL_CLAIM_AHEAD;
    }

    /** How much further than its lead a claim reaches, so that fires due close together share it. */
    private Duration claimBatch() {
        return remote ? CLAIM_BATCH : LOCAL_CLAIM_BATCH;
    }

    private Instant passOnce(RunExecutor runs, boolean running, boolean ignoreBackoff, boolean withHousekeeping) {
        Instant now = now();
        if (!ignoreBackoff && !health.mayTry(now)) {
            return toEngineTime(health.retryAt());
        }
        String doing = "reading the store's clock"; // what the store is asked, for the log when it fails it
        try {
            if (!time.known()) {
                time.measure(); // before the first claim: a node with a fast clock must not claim by it even once
            }
            doing = "recording the runs a previous process of this node left in flight as lost";
            housekeeping.recoverPreviousProcess();
            doing = "settling claims whose commit answer was lost";
            uncertain.settle(runs, this);
            if (withHousekeeping) {
                doing = null; // housekeeping names its own steps
                housekeeping.run(now);
            }
            doing = WRITING_OUTCOMES;
            // draining a backlog from a remote store: a claim waits a moment for half the workers, so that one
            // transaction fills more of them; a store in this process claims in microseconds, so it waits for none
            int free = !running ? 0 : draining && remote ? runs.awaitBatch(DRAIN_PATIENCE) : runs.freeSlots();
            if (running && free <= 0) {
                if (outcomes.size() > 0 || outcomes.hasWorkApart()) {
                    outcomes.writeAll(); // all workers taken again: these outcomes must not wait for one to end
                }
                health.succeeded(storeNow);
                return WORKERS_BUSY;
            }
            // a remote store's claim time is read after the work above, which may have waited on the store; a local
            // one's work above takes microseconds, so the pass's start serves
            Duration ahead = claimAhead();
            Instant later = putOff(runs, free, ahead, now);
            if (later != null) {
                if (outcomes.hasWorkApart()) {
                    outcomes.writeApartIfIdle(); // not for the claim's sake: a held outcome due now is not put off
                }
                return toEngineTime(later);
            }
            Instant claimAt = remote || withHousekeeping ? now() : now;
            // a claim reaches CLAIM_BATCH beyond the lead: fires due close together share one transaction
            Duration reach = ahead.isZero() ? ahead : ahead.plus(claimBatch());
            doing = "claiming due fires";
            int asked = Math.min(free, maxClaim); // a claim of more would come back short while more is due
            Turnover turnover = outcomes.writeWith(done -> store.completeAndClaim(done, claimAt, reach, asked, settings.nodeId()));
            health.succeeded(storeNow);
            ClaimBatch batch = turnover.claimed();
            // a claim that filled its workers reports no next due time: its latest fire is a floor for the next one
            knownNextDue = turnover.nextDue().orElseGet(() -> ClaimTiming.latestDue(batch));
            putOffWithOutcomes = false;
            draining = running && batch.fires().size() >= asked && ClaimTiming.allDue(batch, claimAt);
            List<ExecutionRecord> notRun = batch.notRun();
            for (int i = 0; i < notRun.size(); i++) {
                listeners.tellMissed(notRun.get(i));
            }
            List<Fire> fires = batch.fires();
            for (int i = 0; i < fires.size(); i++) { // indexed: nothing allocated per claim on this path
                runs.dispatch(fires.get(i), this);
            }
            doing = WRITING_OUTCOMES;
            if (outcomes.hasWorkApart()) {
                // outcomes of a batch the store failed while it answered, or held ones now due: written apart from
                // the claims, now that this claim's fires are on their way (see OutcomeQueue)
                outcomes.writeApartIfIdle();
            }
            if (batch.fires().size() >= asked || (!batch.isEmpty() && !batch.notRun().isEmpty())) {
                // more may be due: claim again at once if workers are free, else when one is
                return runs.freeSlots() > 0 ? clock.instant() : WORKERS_BUSY;
            }
            return turnover.nextDue().map(due -> toEngineTime(ClaimTiming.lookAgainFor(due, claimAt, ahead, reach))).orElse(null);
        } catch (ClaimCommitUnknownException e) {
            knownNextDue = null;
            if (e.batch() != null && !e.batch().isEmpty()) {
                uncertain.add(e.batch());
            }
            return toEngineTime(health.failed(e, now(), doing != null ? doing : housekeeping.step()));
        } catch (RuntimeException e) {
            knownNextDue = null;
            return toEngineTime(health.failed(e, now(), doing != null ? doing : housekeeping.step()));
        }
    }

    /**
     * The scheduler starts again after a stop, in the same process. What the lane knew of the store's next fires, of a
     * backlog and of its answers is stale: it is learnt again (the clock's offset is measured before the first claim, a
     * heartbeat is due at once, the store counts as answering only from its next answer; see {@link StoreHealth#restart}).
     * What is kept: outcomes the store has not taken yet (written from the first pass on), and claims whose commit
     * answer was lost (settled by the first pass: their fires run then, or are recorded misfired). The runs of a previous
     * process are not looked for again: every run this process started has ended, its outcome written or still queued
     * here, and recording those lost would contradict what the queue writes next.
     */
    void restart() {
        time.forget();
        health.restart();
        housekeeping.restart();
        nextPass = null;
        knownNextDue = null;
        draining = false;
        putOffWithOutcomes = false;
    }

    /** A save, a trigger, a resume or another node's change may have made a fire due sooner than the last claim saw. */
    void forgetNextDue() {
        knownNextDue = null;
    }

    /** A job was saved with its next fire at {@code due} (store time): the lane's next known fire is that one if sooner. */
    void noteDue(Instant due) {
        Instant known = knownNextDue;
        if (known != null && due.isBefore(known)) {
            knownNextDue = due; // a race with a claim's update errs towards the earlier time, or forgets: both safe
        }
    }

    /**
     * When to claim instead of now, or null to claim now. A remote store's fires are claimed {@link #CLAIM_AHEAD} early
     * and hold their workers until they have run; at a steady rate above what the workers hold over that lead (8 workers
     * and 20 ms: about 350 fires a second), every worker holds a fire waiting for its due time, and each run's end would
     * start a transaction to claim one fire. So while fewer than half the workers are free and the next fire is more
     * than half the lead away, the claim waits until it is half the lead away (more workers are free by then), or for
     * {@link #OUTCOME_LINGER} when outcomes are waiting to ride it, and only once for them. Not while draining a backlog
     * (its fires are due), not on a test's clock (no lead).
     */
    private Instant putOff(RunExecutor runs, int free, Duration ahead, Instant now) {
        if (!remote || draining) {
            return null;
        }
        boolean waiting = outcomes.size() > 0;
        Instant later = ClaimTiming.claimLater(knownNextDue, free, runs.capacity(), ahead, now, waiting, putOffWithOutcomes);
        putOffWithOutcomes = later != null && waiting;
        return later;
    }

    /** The housekeeping on its own thread (see {@link LaneHousekeeping}), when its heartbeat is due. */
    void housekeepingIfDue() {
        housekeeping.runIfDue();
    }

    /** When the next housekeeping is due, on the engine's clock. */
    Instant nextHousekeeping() {
        return toEngineTime(housekeeping.nextDue());
    }

    /**
     * Writes what is queued now (a test's wait, shutdown); what the store does not take is reported and kept.
     *
     * @param finalTry also try the outcomes held after the store refused them, whose next try is not due yet
     */
    void writeQueuedOutcomes(boolean finalTry) {
        try {
            outcomes.writeAll(finalTry);
        } catch (RuntimeException e) {
            log.warn("Store '{}': {} outcome(s) not written yet, kept until the store answers: {}", store.name(),
                    outcomes.size(), e.toString());
        }
        if (finalTry && outcomes.held() > 0) {
            log.warn("Store '{}': {} outcome(s) the store refused, even shortened, are not recorded; their runs stay in"
                    + " flight in the store until this scheduler starts again and retries them, or a new process of this"
                    + " node records them lost", store.name(), outcomes.held());
        }
    }

    /** Whether outcomes wait to be written now (not those held for a later try, until it is due). */
    boolean hasQueuedOutcomes() {
        return outcomes.size() > 0 || outcomes.hasWorkApart();
    }
}

