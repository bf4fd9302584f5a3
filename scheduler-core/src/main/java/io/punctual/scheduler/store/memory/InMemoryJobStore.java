package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.ClaimOrder;
import io.punctual.scheduler.policy.FirePlan;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.policy.FirePlanner.PendingDecision;
import io.punctual.scheduler.policy.MissedFires;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.PendingFire;
import io.punctual.scheduler.store.Turnover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A store in this JVM's memory, for a single node: nothing survives a restart. Due jobs sit in a sorted
 * index, so claiming a fire costs O(log n) in the number of jobs. Thread-safe: every method holds the
 * store's monitor.
 */
public final class InMemoryJobStore implements JobStore {

    private final int historyPerJob;
    private final JobSlots jobs = new JobSlots();
    private final TreeSet<ClaimOrder> due = new TreeSet<>();
    private final TreeSet<PendingEntry> pending = new TreeSet<>();
    private final Map<String, List<PendingEntry>> blockedPending = new HashMap<>();
    private final Map<String, MemoryJobSlot> waitingForCapacity = new HashMap<>();
    private long sequence;

    /** How many finished dynamic one-time jobs the store keeps visible; older ones are forgotten. */
    public static final int FINISHED_KEPT = JobSlots.FINISHED_KEPT;

    /** A store keeping the newest 100 history rows of each job. */
    public InMemoryJobStore() {
        this(100);
    }

    /** @param historyPerJob how many history rows to keep per job, newest first */
    public InMemoryJobStore(int historyPerJob) {
        if (historyPerJob < 1) {
            throw new IllegalArgumentException("historyPerJob must be at least 1, was " + historyPerJob);
        }
        this.historyPerJob = historyPerJob;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized JobRecord save(JobDefinition definition, Instant now) {
        MemoryJobSlot slot = jobs.activate(definition.id());
        boolean wasHeld = false;
        if (slot == null) {
            slot = new MemoryJobSlot(definition, FirePlanner.initial(definition, now));
            jobs.add(slot);
        } else {
            unindex(slot);
            JobRecord stored = slot.toRecord();
            slot.next = FirePlanner.nextOnSave(stored, definition, stored.definition().schedule().equals(definition.schedule()), now);
            wasHeld = slot.orphaned || !slot.definition.enabled(); // held retries wait for either to end
            slot.definition = definition;
            slot.orphaned = false;
        }
        index(slot);
        if (wasHeld && definition.enabled()) {
            unblock(slot); // declared again, or enabled again: the retries held back meanwhile may be claimed
        }
        return slot.toRecord();
    }

    @Override
    public synchronized boolean remove(String jobId) {
        MemoryJobSlot slot = jobs.remove(jobId);
        if (slot == null) {
            return false;
        }
        unindex(slot);
        pending.removeIf(e -> e.fire.jobId().equals(jobId));
        blockedPending.remove(jobId);
        return true;
    }

    @Override
    public synchronized Optional<JobRecord> find(String jobId) {
        return Optional.ofNullable(jobs.find(jobId)).map(MemoryJobSlot::toRecord);
    }

    @Override
    public synchronized List<JobRecord> findAll() {
        return jobs.all().map(MemoryJobSlot::toRecord)
                .sorted(Comparator.comparing(JobRecord::id)).toList();
    }

    @Override
    public synchronized List<String> markOrphans(Set<String> declaredIds) {
        List<String> orphans = new ArrayList<>();
        for (MemoryJobSlot slot : jobs.active()) {
            if (!slot.definition.isDynamic() && !declaredIds.contains(slot.definition.id()) && !slot.orphaned) {
                unindex(slot);
                slot.orphaned = true;
                orphans.add(slot.definition.id());
            }
        }
        return orphans;
    }

    @Override
    public synchronized boolean setPaused(String jobId, boolean paused) {
        MemoryJobSlot slot = jobs.find(jobId);
        if (slot == null) {
            return false;
        }
        setPaused(slot, paused);
        return true;
    }

    private void setPaused(MemoryJobSlot slot, boolean paused) {
        unindex(slot);
        slot.paused = paused;
        index(slot);
        if (!paused) {
            unblock(slot);
        }
    }

    @Override
    public ClaimBatch claimDue(Instant now, int limit, String node) {
        return claimDue(now, Duration.ZERO, limit, node);
    }

    /**
     * Claims what is due at {@code now} and, within {@code ahead} after it, the fires of jobs with no run in flight
     * (see {@link FirePlanner#decideAt}): on real time the engine hands those to workers before their due time, and
     * each starts at its due time from a waiting worker, without the engine's wake-up and claim in between.
     */
    @Override
    public synchronized Turnover completeAndClaim(List<Completion> completions, Instant now, Duration ahead, int limit, String node) {
        CompletionResult completed = completions.isEmpty() ? CompletionResult.NOTHING : completeAll(completions);
        ClaimBatch claimed = limit < 1 ? ClaimBatch.EMPTY : claimDue(now, ahead, limit, node);
        return new Turnover(completed, claimed, nextDueTime());
    }

    /**
     * Takes due fires in {@link ClaimOrder}, merging the due jobs and the pending fires, until {@code limit} fires run. It
     * decides at most {@code limit} schedule fires (a fire it leaves for its due time takes no worker but is looked at), and
     * takes no pending fire ordered after a schedule fire it has no more looks for: that one goes first, in a later claim.
     */
    private synchronized ClaimBatch claimDue(Instant now, Duration ahead, int limit, String node) {
        List<Fire> fires = new ArrayList<>();
        List<ExecutionRecord> notRun = new ArrayList<>();
        Instant horizon = now.plus(ahead);
        List<ClaimOrder> notYet = null;
        int looked = 0;
        while (fires.size() < limit) {
            PendingEntry pendingHead = pending.isEmpty() || pending.first().fire.due().isAfter(now) ? null : pending.first();
            ClaimOrder scheduleHead = due.isEmpty() || due.first().due().isAfter(horizon) ? null : due.first();
            if (ClaimOrder.pendingNext(scheduleHead, pendingHead == null ? null : pendingHead.key)) {
                claimPending(pending.pollFirst(), now, node, fires, notRun);
                continue;
            }
            if (scheduleHead == null || looked == limit) {
                break;
            }
            looked++;
            ClaimOrder key = due.pollFirst();
            if (!claimSchedule(key, now, node, fires, notRun)) {
                if (notYet == null) {
                    notYet = new ArrayList<>();
                }
                notYet.add(key); // decided at its due time, by a later claim
            }
        }
        if (notYet != null) {
            due.addAll(notYet);
        }
        return fires.isEmpty() && notRun.isEmpty() ? ClaimBatch.EMPTY : new ClaimBatch(fires, notRun);
    }

    /** Decides the schedule fire of the job {@code key} was polled for; false when it must wait for its due time. */
    private boolean claimSchedule(ClaimOrder key, Instant now, String node, List<Fire> fires, List<ExecutionRecord> notRun) {
        MemoryJobSlot slot = jobs.get(key.jobId());
        Instant at = FirePlanner.decideAt(key.due(), now, slot.running());
        if (at == null) {
            return false;
        }
        FirePlan plan = FirePlanner.plan(slot.definition, slot.next, slot.running(), slot.latestRunStart(), at);
        if (plan.waiting()) {
            waitingForCapacity.put(slot.definition.id(), slot);
            return true;
        }
        for (MissedFires missed : plan.missed()) {
            notRun.add(recordMissed(slot, missed, now, node));
        }
        if (plan.run() != null) {
            fires.add(startRun(slot, plan.run(), plan.run(), 1, FireOrigin.SCHEDULE, null, at));
        }
        slot.next = plan.next();
        index(slot);
        return true;
    }

    /** A retry waits while its job is at its limit or paused; a trigger at the limit is skipped (see FirePlanner). */
    private void claimPending(PendingEntry entry, Instant now, String node, List<Fire> fires, List<ExecutionRecord> notRun) {
        PendingFire p = entry.fire;
        MemoryJobSlot slot = jobs.get(p.jobId());
        if (slot == null) {
            return;
        }
        PendingDecision decision = FirePlanner.planPending(p.origin(), slot.running(),
                slot.definition.policy().maxInstances(), slot.paused, slot.orphaned, slot.definition.enabled());
        if (decision == PendingDecision.HOLD) {
            blockedPending.computeIfAbsent(p.jobId(), id -> new ArrayList<>()).add(entry);
            return;
        }
        slot.pendingFires--;
        if (decision == PendingDecision.SKIP) {
            notRun.add(recordMissed(slot, FirePlanner.skippedPending(p.scheduledTime(), p.detail()), now, node));
        } else {
            fires.add(startRun(slot, p.scheduledTime(), p.due(), p.attempt(), p.origin(), p.detail(), now));
        }
    }

    private Fire startRun(MemoryJobSlot slot, Instant scheduledTime, Instant dueTime, int attempt, FireOrigin origin,
                          String detail, Instant now) {
        String executionId = newExecutionId();
        slot.version++;
        slot.startRun(executionId, now);
        slot.lastFireTime = now;
        return new Fire(executionId, slot.definition.id(), scheduledTime, dueTime, attempt, origin, slot.version, slot.definition, detail);
    }

    @Override
    public synchronized Optional<Instant> nextDueTime() {
        Instant job = due.isEmpty() ? null : due.first().due();
        Instant retry = pending.isEmpty() ? null : pending.first().fire.due();
        return Optional.ofNullable(job == null || (retry != null && retry.isBefore(job)) ? retry : job);
    }

    @Override
    public synchronized void addPendingFire(PendingFire fire) {
        MemoryJobSlot slot = jobs.activate(fire.jobId());
        if (slot == null) {
            return;
        }
        slot.pendingFires++;
        pending.add(new PendingEntry(fire, new ClaimOrder(fire.due(), slot.definition.policy().priority(), fire.jobId()), sequence++));
    }

    @Override
    public synchronized CompletionResult completeAll(List<Completion> completions) {
        List<Completion> refused = null;
        boolean released = false;
        for (int i = 0; i < completions.size(); i++) { // indexed: no iterator per batch on this path
            Completion c = completions.get(i);
            MemoryJobSlot slot = jobs.get(c.fire().jobId());
            if (slot != null && slot.endRun(c.fire().executionId())) {
                released |= complete(slot, c);
            } else if (!alreadyRecorded(c)) { // not a run in flight here (its job removed, say): refused, as the JPA store does
                if (refused == null) {
                    refused = new ArrayList<>();
                }
                refused.add(c);
            }
        }
        return refused == null ? (released ? RELEASED : CompletionResult.NOTHING) : new CompletionResult(refused, released);
    }

    private static final CompletionResult RELEASED = new CompletionResult(List.of(), true);

    /** Whether the job's history holds this run with this outcome: the completion was handed again. */
    private boolean alreadyRecorded(Completion c) {
        MemoryJobSlot slot = jobs.find(c.fire().jobId());
        if (slot == null) {
            return false;
        }
        for (ExecutionRecord r : slot.history()) {
            if (r.executionId().equals(c.fire().executionId()) && r.outcome() == c.outcome()) {
                return true;
            }
        }
        return false;
    }

    private boolean complete(MemoryJobSlot slot, Completion c) {
        boolean waited = waitingForCapacity.containsKey(slot.definition.id());
        slot.lastOutcome = c.outcome();
        slot.consecutiveFailures = c.outcome().isFailure() ? slot.consecutiveFailures + 1 : 0;
        addHistory(slot, new ExecutionRecord(c.fire().executionId(), slot.definition.id(), c.fire().scheduledTime(),
                c.startTime(), c.endTime(), c.outcome(), c.node(), c.fire().attempt(), 1, c.error(), c.detail()));
        if (c.retry() != null) {
            addPendingFire(c.retry());
        }
        unindex(slot);
        boolean released = waited || c.retry() != null;
        if (c.next() != null && slot.next == null) {
            slot.next = c.next();
            released = true;
        }
        index(slot);
        released = unblock(slot) || released;
        String id = slot.definition.id();
        jobs.retireIfFinished(slot, blockedPending.containsKey(id) || waitingForCapacity.containsKey(id));
        return released;
    }

    @Override
    public synchronized List<ExecutionRecord> history(String jobId, int limit) {
        MemoryJobSlot slot = jobs.find(jobId);
        return slot == null ? List.of() : slot.history().stream().limit(limit).toList();
    }

    @Override
    public synchronized int deleteHistoryBefore(Instant cutoff) {
        int deleted = 0;
        for (MemoryJobSlot slot : (Iterable<MemoryJobSlot>) jobs.all()::iterator) {
            while (!slot.history().isEmpty() && slot.history().peekLast().endTime().isBefore(cutoff)) {
                slot.history().removeLast();
                deleted++;
            }
        }
        jobs.forgetFinishedWithoutHistory();
        return deleted;
    }

    /**
     * Writes the history row of fires that did not run; consecutive skips extend one summary row. Returns the
     * row for these fires alone, which is what listeners are told (under the summary's id when it extends that one).
     */
    private ExecutionRecord recordMissed(MemoryJobSlot slot, MissedFires missed, Instant now, String node) {
        String jobId = slot.definition.id();
        ExecutionRecord head = slot.history().peekFirst();
        if (head != null && missed.extendsSkipRow(head.outcome(), head.detail())) {
            MissedFires merged = missed.after(head.count(), head.scheduledTime());
            slot.historyForUpdate().removeFirst();
            slot.historyForUpdate().addFirst(new ExecutionRecord(head.executionId(), jobId, head.scheduledTime(), null, now,
                    Outcome.SKIPPED, node, 1, merged.count(), null, merged.detail()));
            return notRunRecord(head.executionId(), jobId, missed, now, node);
        }
        return addHistory(slot, notRunRecord(newExecutionId(), jobId, missed, now, node));
    }

    private ExecutionRecord addHistory(MemoryJobSlot slot, ExecutionRecord record) {
        slot.historyForUpdate().addFirst(record);
        while (slot.history().size() > historyPerJob) {
            slot.history().removeLast();
        }
        return record;
    }

    private static ExecutionRecord notRunRecord(String executionId, String jobId, MissedFires missed, Instant now, String node) {
        return new ExecutionRecord(executionId, jobId, missed.firstDue(), null, now, missed.outcome(),
                node, 1, missed.count(), null, missed.detail());
    }

    /**
     * A random (version 4) UUID for a run of this store. Unique within the JVM, which is all a memory store needs;
     * drawn from {@link ThreadLocalRandom}, not {@code UUID.randomUUID()}'s shared {@code SecureRandom}, because it is
     * made under the store's lock for every fire.
     */
    private static String newExecutionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void index(MemoryJobSlot slot) {
        if (slot.claimable()) {
            due.add(slot.dueKey());
        }
    }

    private void unindex(MemoryJobSlot slot) {
        if (slot.next != null) {
            due.remove(slot.dueKey());
        }
        waitingForCapacity.remove(slot.definition.id());
    }

    /** A run ended or the job was resumed: fires held back for capacity or pause may be claimable again. */
    private boolean unblock(MemoryJobSlot slot) {
        boolean waited = waitingForCapacity.remove(slot.definition.id()) != null;
        if (waited) {
            index(slot);
        }
        List<PendingEntry> held = blockedPending.remove(slot.definition.id());
        if (held != null) {
            pending.addAll(held);
        }
        return waited || held != null;
    }

    /**
     * A pending fire in the store's index: in {@link ClaimOrder} (by its job's priority when it was added), then in the
     * order the fires of one job at one instant were added.
     */
    private record PendingEntry(PendingFire fire, ClaimOrder key, long sequence) implements Comparable<PendingEntry> {
        @Override
        public int compareTo(PendingEntry o) {
            int c = key.compareTo(o.key);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
