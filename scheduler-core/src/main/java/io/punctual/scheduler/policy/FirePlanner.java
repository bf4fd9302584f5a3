package io.punctual.scheduler.policy;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;
import io.punctual.scheduler.schedule.Jitter;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.NextFire;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies of SPEC §3 as pure functions: given a job's state and the time, which fires run, which are
 * recorded as misfired, coalesced or skipped, and what the next fire is. Stores call it inside their claim
 * so that the decision and the claim are one atomic step. Stateless and thread-safe.
 */
public final class FirePlanner {

    /**
     * At most this many overdue fires are looked at in one decision; a longer backlog is worked off over
     * several claims, so one claim never does unbounded work.
     */
    public static final int SCAN_LIMIT = 10_000;

    private FirePlanner() {
    }

    /**
     * The instant a claim made at {@code now} decides a fire due at {@code due} as at: now when it is due; its due
     * time when a claim reaches ahead of it and the job has no run in flight; null when it must wait for its due
     * time (a run in flight may end first, and max instances, coalescing and skipping are decided on what is in
     * flight then). A fire claimed ahead starts at its due time, never before.
     */
    public static Instant decideAt(Instant due, Instant now, int running) {
        if (!due.isAfter(now)) {
            return now;
        }
        return running > 0 ? null : due;
    }

    /** The first fire of a job that starts being scheduled at {@code now}, or null when it has none. */
    public static NextFire initial(JobDefinition definition, Instant now) {
        if (!definition.enabled()) {
            return null;
        }
        Schedule schedule = definition.schedule();
        now = now.truncatedTo(ChronoUnit.MICROS); // what every store keeps exactly
        Instant start = schedule.kind() == ScheduleKind.CRON || schedule.kind() == ScheduleKind.AT ? now : now.plus(definition.initialDelay());
        return schedule.first(start).map(t -> withJitter(definition, t)).orElse(null);
    }

    /**
     * The next fire of a stored job whose definition is saved again (a restart, a reschedule): a new first fire
     * when what decides its fire times changed, else the stored one. A fixed delay with a run in flight keeps
     * waiting for that run's end.
     *
     * @param stored       the job as stored; without a definition when the store cannot read it, which counts as changed
     * @param saved        the definition being saved
     * @param sameSchedule whether the store holds the same schedule (each store compares in its own form)
     */
    public static NextFire nextOnSave(JobRecord stored, JobDefinition saved, boolean sameSchedule, Instant now) {
        JobDefinition old = stored.definition();
        boolean reschedule = old == null || !sameSchedule || old.enabled() != saved.enabled()
                || !old.policy().jitter().equals(saved.policy().jitter())
                || !old.initialDelay().equals(saved.initialDelay());
        if (reschedule && (stored.running() == 0 || !saved.schedule().computedFromRunEnd())) {
            return initial(saved, now);
        }
        return stored.next();
    }

    /** What becomes of a due retry or trigger. */
    public enum PendingDecision {
        /** Runs now. */
        RUN,
        /** Waits, held in the store, until a run of its job ends or the job is resumed. */
        HOLD,
        /** Recorded {@code skipped} (reason {@code max-instances}) and dropped. */
        SKIP
    }

    /**
     * A due retry waits while its job is at its instance limit, paused, orphaned or disabled (a disabled job never
     * fires; the retry runs once the job is declared enabled again); a trigger that finds its job at the limit is
     * skipped (someone asked for a run now, not later); otherwise it runs.
     */
    public static PendingDecision planPending(FireOrigin origin, int running, int maxInstances, boolean paused, boolean orphaned,
                                              boolean enabled) {
        boolean atLimit = running >= maxInstances;
        if (origin == FireOrigin.RETRY && (atLimit || paused || orphaned || !enabled)) {
            return PendingDecision.HOLD;
        }
        return atLimit ? PendingDecision.SKIP : PendingDecision.RUN;
    }

    /**
     * The history row of a pending fire that {@link #planPending} skips ({@link PendingDecision#SKIP}, which only a
     * trigger at its job's instance limit gets): {@code skipped}, reason {@code max-instances}, in a row of its own that
     * says it was a trigger, so a trigger is never folded into the schedule's skip summary.
     *
     * @param note the trigger's note ({@link io.punctual.scheduler.store.PendingFire#detail}), which the row of its run
     *             would have had, or null; the row ends with it, so a skipped trigger says who asked for it
     */
    public static MissedFires skippedPending(Instant scheduledTime, String note) {
        return MissedFires.triggerAtMaxInstances(scheduledTime, note);
    }

    /** As {@link #skippedPending(Instant, String)} for a trigger without a note. */
    public static MissedFires skippedPending(Instant scheduledTime) {
        return skippedPending(scheduledTime, null);
    }

    /** The fire after the one nominally due at {@code nominal}, or null when the schedule has ended. */
    public static NextFire after(JobDefinition definition, Instant nominal) {
        return definition.schedule().next(nominal).map(t -> withJitter(definition, t)).orElse(null);
    }

    private static NextFire withJitter(JobDefinition definition, Instant nominal) {
        return new NextFire(nominal, Jitter.apply(definition.id(), nominal, definition.policy().jitter()));
    }

    /**
     * Decides what happens to a job whose next fire is due ({@code job.next().due() <= now}).
     *
     * @param job the job's stored state, including its runs in flight and when the newest of them was claimed
     */
    public static FirePlan plan(JobRecord job, Instant now) {
        return plan(job.definition(), job.next(), job.running(), job.latestRunStart(), now);
    }

    /**
     * {@link #plan(JobRecord, Instant)} on the parts of a job's state it reads, for a store that holds them apart
     * (the memory store decides every fire without copying its job into a record first).
     *
     * @param def            the job's definition
     * @param first          its next fire, due at or before {@code now}
     * @param running        its runs in flight
     * @param latestRunStart when the newest of them was claimed, or null
     */
    public static FirePlan plan(JobDefinition def, NextFire first, int running, Instant latestRunStart, Instant now) {
        JobPolicy p = def.policy();
        NextFire second = def.schedule().computedFromRunEnd() ? null : after(def, first.nominal());
        if (running < p.maxInstances() && (second == null || second.due().isAfter(now))
                && (p.misfire() != MisfirePolicy.SKIP || !first.due().isBefore(now.minus(p.misfireGrace())))) {
            // the common case, one fire due and on time: what the general rules below decide, without their lists
            return new FirePlan(List.of(), first.due(), nextAfterRun(def, second), false);
        }
        Overdue overdue = overdue(def, first, second, now);
        if (running >= p.maxInstances()) {
            if (latestRunStart != null && !first.due().isAfter(latestRunStart)) {
                // already due when the run in flight started: a backlog fire waits its turn
                return FirePlan.waitForCapacity(first);
            }
            List<MissedFires> skipped = List.of(missed(Outcome.SKIPPED, "max-instances", overdue.fires));
            return new FirePlan(skipped, null, nextWithoutRun(def, overdue.following, now), false);
        }
        if (!overdue.complete) {
            return workOffLongBacklog(p, overdue);
        }
        List<MissedFires> missed = new ArrayList<>();
        List<NextFire> candidates = overdue.fires;
        if (p.misfire() == MisfirePolicy.SKIP) {
            int firstOnTime = firstOnTime(candidates, p.misfireGrace(), now);
            addMissed(missed, Outcome.MISFIRED, "misfire-grace", candidates.subList(0, firstOnTime));
            candidates = candidates.subList(firstOnTime, candidates.size());
        }
        if (candidates.isEmpty()) {
            return new FirePlan(missed, null, nextWithoutRun(def, overdue.following, now), false);
        }
        if (p.coalesce()) {
            addMissed(missed, Outcome.COALESCED, "coalesced", candidates.subList(0, candidates.size() - 1));
            NextFire run = candidates.get(candidates.size() - 1);
            return new FirePlan(missed, run.due(), nextAfterRun(def, overdue.following), false);
        }
        if (candidates.size() > p.maxCatchUp()) {
            int cut = candidates.size() - p.maxCatchUp();
            addMissed(missed, Outcome.MISFIRED, "max-catch-up", candidates.subList(0, cut));
            candidates = candidates.subList(cut, candidates.size());
        }
        NextFire following = candidates.size() > 1 ? candidates.get(1) : overdue.following;
        return new FirePlan(missed, candidates.get(0).due(), nextAfterRun(def, following), false);
    }

    private static NextFire nextAfterRun(JobDefinition def, NextFire following) {
        // a fixed delay's next fire is only known when the run ends
        return def.schedule().computedFromRunEnd() ? null : following;
    }

    /**
     * The next fire after fires that do not run: {@code following}; for a schedule computed from a run's end (fixed
     * delay), which has none, one counted from {@code now}, since no run's end will give the job its next fire.
     */
    private static NextFire nextWithoutRun(JobDefinition def, NextFire following, Instant now) {
        return def.schedule().computedFromRunEnd() ? after(def, now.truncatedTo(ChronoUnit.MICROS)) : following;
    }

    private static FirePlan workOffLongBacklog(JobPolicy p, Overdue overdue) {
        List<NextFire> fires = overdue.fires;
        int keep = p.coalesce() && p.misfire() == MisfirePolicy.FIRE_NOW ? 1 : Math.min(p.maxCatchUp(), fires.size() - 1);
        Outcome outcome = p.coalesce() && p.misfire() == MisfirePolicy.FIRE_NOW ? Outcome.COALESCED : Outcome.MISFIRED;
        String reason = outcome == Outcome.COALESCED ? "coalesced" : p.misfire() == MisfirePolicy.SKIP ? "misfire-grace" : "max-catch-up";
        int cut = fires.size() - keep;
        return new FirePlan(List.of(missed(outcome, reason, fires.subList(0, cut))), null, fires.get(cut), false);
    }

    private static int firstOnTime(List<NextFire> fires, Duration grace, Instant now) {
        Instant oldestOnTime = now.minus(grace);
        for (int i = 0; i < fires.size(); i++) {
            if (!fires.get(i).due().isBefore(oldestOnTime)) {
                return i;
            }
        }
        return fires.size();
    }

    private static void addMissed(List<MissedFires> into, Outcome outcome, String reason, List<NextFire> fires) {
        if (!fires.isEmpty()) {
            into.add(missed(outcome, reason, fires));
        }
    }

    private static MissedFires missed(Outcome outcome, String reason, List<NextFire> fires) {
        return new MissedFires(outcome, reason, fires.size(), fires.get(0).due(), fires.get(fires.size() - 1).due());
    }

    /** The fires due at or before {@code now}, oldest first, and the first one after them. */
    private record Overdue(List<NextFire> fires, NextFire following, boolean complete) {
    }

    /** @param second the fire after {@code first} (null when none, or when the schedule is computed from a run's end) */
    private static Overdue overdue(JobDefinition def, NextFire first, NextFire second, Instant now) {
        List<NextFire> fires = new ArrayList<>(4);
        fires.add(first);
        if (def.schedule().computedFromRunEnd()) {
            return new Overdue(fires, null, true);
        }
        NextFire current = first;
        while (true) {
            Optional<NextFire> next = Optional.ofNullable(current == first ? second : after(def, current.nominal()));
            if (next.isEmpty() || next.get().due().isAfter(now)) {
                return new Overdue(fires, next.orElse(null), true);
            }
            if (fires.size() >= SCAN_LIMIT) {
                return new Overdue(fires, next.get(), false);
            }
            fires.add(next.get());
            current = next.get();
        }
    }
}
