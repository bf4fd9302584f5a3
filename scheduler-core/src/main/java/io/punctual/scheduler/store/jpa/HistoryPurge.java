package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ScheduleKind;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/**
 * {@code deleteHistoryBefore}: deletes history rows that ended before the cutoff, and with them the dynamic one-time
 * jobs that have run, have nothing left to do and no history left, so the job table does not grow without bound.
 * Jobs declared in code and recurring jobs are never deleted here.
 */
final class HistoryPurge {

    /** At most this many finished jobs per purge (a purge runs every minute). */
    private static final int MAX_BATCHES = 10;
    private static final int BATCH = 1_000;
    private static final String FINISHED = "select j.id from PunctualJob j where j.handler is not null and j.schedule.kind = :at"
            + " and j.nextDue is null and j.running = 0"
            + " and not exists (select e.id from PunctualExecution e where e.jobId = j.id)"
            + " and not exists (select p.id from PunctualPendingFire p where p.jobId = j.id)";

    private HistoryPurge() {
    }

    /** Returns how many history rows were deleted. */
    static int before(EntityManager em, Instant cutoff) {
        int deleted = em.createQuery("delete from PunctualExecution e where e.endTime < :cutoff")
                .setParameter("cutoff", Micros.of(cutoff)).executeUpdate();
        // found first, then deleted by id: MySQL refuses a DELETE whose subquery reads the same table
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<String> ids = em.createQuery(FINISHED, String.class)
                    .setParameter("at", ScheduleKind.AT.word()).setMaxResults(BATCH).getResultList();
            if (ids.isEmpty()) {
                break;
            }
            // every writer of a job's pending fires, runs and tags holds its row first: locked here, a job cannot gain
            // a trigger, a retry or a new definition until this transaction ends. Jobs another transaction holds are
            // left for the next purge, and the others are looked at again under their locks, since a trigger or a
            // save may have committed after the candidates were read (deleting such a job orphaned its pending fire)
            List<String> locked = StoreQueries.lockJobsSkipLocked(em, ids).stream().map(j -> j.id).toList();
            List<String> finished = locked.isEmpty() ? List.of() : em.createQuery(FINISHED + " and j.id in :ids", String.class)
                    .setParameter("at", ScheduleKind.AT.word()).setParameter("ids", locked).getResultList();
            if (!finished.isEmpty()) {
                em.createQuery("delete from PunctualJobTag t where t.jobId in :ids").setParameter("ids", finished).executeUpdate();
                em.createQuery("delete from PunctualJob j where j.id in :ids").setParameter("ids", finished).executeUpdate();
            }
            if (finished.size() < ids.size()) {
                break; // some are held or no longer finished: the next candidates would be the same ones
            }
        }
        return deleted;
    }
}
