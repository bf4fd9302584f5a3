package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.store.JobRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Saving a job's definition, inside the caller's transaction: a new job gets its first fire, a known one keeps its state. */
final class SaveTransaction {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SaveTransaction.class);

    private SaveTransaction() {
    }

    /** A new job's row, as an entity (not managed): its definition and its first fire. */
    static JobEntity newRow(JobDefinition definition, Instant now) {
        JobEntity job = new JobEntity(definition.id());
        DefinitionMapper.write(definition, job); // fails early on a schedule the store cannot hold
        StoreQueries.setNext(job, FirePlanner.initial(definition, now));
        job.refreshClaimDue();
        return job;
    }

    /**
     * Inserts a new job in the caller's transaction: its row is written by {@code rows} on the transaction's
     * connection (no entity is managed: nothing for the commit to dirty-check).
     */
    static JobRecord insert(EntityManager em, JobRows rows, JobDefinition definition, Instant now) {
        JobEntity job = newRow(definition, now);
        em.runWithConnection((Connection connection) -> rows.insert(connection, job, definition.tags()));
        return StoreQueries.record(job, definition, 0);
    }

    static JobRecord save(EntityManager em, JobRows rows, JobDefinition definition, Instant now) {
        ScheduleColumns schedule = DefinitionMapper.schedule(definition.schedule()); // fails early on a schedule the store cannot hold
        JobEntity job = em.find(JobEntity.class, definition.id(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            return insert(em, rows, definition, now);
        }
        JobRecord stored = storedRecord(job);
        StoreQueries.setNext(job, FirePlanner.nextOnSave(stored, definition, job.schedule.equals(schedule), now));
        boolean held = job.orphaned || !job.enabled; // held retries wait for either to end
        DefinitionMapper.write(definition, job);
        if (held && definition.enabled() && job.heldRetries) {
            // declared again, or enabled again: the retries held back while it was orphaned or disabled may be claimed
            StoreQueries.releaseHeld(em, List.of(job.id));
            job.heldRetries = false;
        }
        job.orphaned = false;
        job.waiting = false;
        job.refreshClaimDue();
        StoreQueries.replaceTags(em, job.id, definition.tags());
        int pending = StoreQueries.pendingCounts(em, List.of(job.id)).getOrDefault(job.id, 0);
        return StoreQueries.record(job, DefinitionMapper.read(job, definition.tags()), pending);
    }

    /**
     * The job as stored, to plan its next fire: with its definition, or without when that cannot be read (a value edited
     * by hand, a word a newer version wrote): the saved definition then replaces it, as one whose schedule changed.
     */
    private static JobRecord storedRecord(JobEntity job) {
        try {
            return StoreQueries.record(job, DefinitionMapper.read(job, Set.of()), 0);
        } catch (io.punctual.scheduler.UnreadableJobException e) {
            log.warn("{} It is replaced by the definition saved now, and gets a new first fire.", e.getMessage());
            return UnreadableJobs.unreadableRecord(job, Set.of(), 0, e);
        }
    }
}
