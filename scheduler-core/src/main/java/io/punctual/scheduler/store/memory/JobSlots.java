package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.ScheduleKind;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which jobs the memory store holds: the active ones, and the dynamic one-time jobs that have run and have nothing
 * left to do. Of those, the newest {@link #FINISHED_KEPT} stay visible (info, history, a trigger), older ones are
 * forgotten: a node that schedules thousands of one-time jobs a second would otherwise hold every one of them, with
 * its history, for good. Not thread-safe: guarded by the store's lock.
 */
final class JobSlots {

    static final int FINISHED_KEPT = 1_000;

    private final Map<String, MemoryJobSlot> active = new HashMap<>();
    private final Map<String, MemoryJobSlot> finished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MemoryJobSlot> eldest) {
            return size() > FINISHED_KEPT;
        }
    };

    /** An active job, or null. */
    MemoryJobSlot get(String jobId) {
        return active.get(jobId);
    }

    /** The job, finished or not, or null. */
    MemoryJobSlot find(String jobId) {
        MemoryJobSlot slot = active.get(jobId);
        return slot != null ? slot : finished.get(jobId);
    }

    /** The job among the active ones, brought back when it had finished (saved or triggered again), or null. */
    MemoryJobSlot activate(String jobId) {
        MemoryJobSlot slot = active.get(jobId);
        if (slot == null && (slot = finished.remove(jobId)) != null) {
            active.put(jobId, slot);
        }
        return slot;
    }

    void add(MemoryJobSlot slot) {
        active.put(slot.definition.id(), slot);
    }

    /** Removes the job, finished or not, and returns it (null when unknown). */
    MemoryJobSlot remove(String jobId) {
        MemoryJobSlot slot = active.remove(jobId);
        return slot != null ? slot : finished.remove(jobId);
    }

    Collection<MemoryJobSlot> active() {
        return active.values();
    }

    Stream<MemoryJobSlot> all() {
        return Stream.concat(active.values().stream(), finished.values().stream());
    }

    /**
     * Moves a dynamic one-time job that has nothing left to do (no next fire, no run in flight, no pending fire,
     * {@code waits} false: nothing held for it) to the finished ones.
     */
    void retireIfFinished(MemoryJobSlot slot, boolean waits) {
        if (slot.definition.isDynamic() && slot.definition.schedule().kind() == ScheduleKind.AT && slot.next == null
                && slot.running() == 0 && slot.pendingFires == 0 && !waits) {
            active.remove(slot.definition.id());
            finished.put(slot.definition.id(), slot);
        }
    }

    /** Forgets finished jobs whose history has all been deleted. */
    void forgetFinishedWithoutHistory() {
        finished.values().removeIf(slot -> slot.history().isEmpty());
    }
}
