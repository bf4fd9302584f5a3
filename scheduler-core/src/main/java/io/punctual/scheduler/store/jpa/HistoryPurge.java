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
            em.createQuery("delete from PunctualJobTag t where t.jobId in :ids").setParameter("ids", ids).executeUpdate();
            em.createQuery("delete from PunctualJob j where j.id in :ids and j.nextDue is null and j.running = 0")
                    .setParameter("ids", ids).executeUpdate();
        }
        return deleted;
    }
}
