package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.UnreadableJobException;
import io.punctual.scheduler.store.JobRecord;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs whose rows this node cannot read, and what the store does about them: every decision on such a row is here.
 *
 * <p>A row that cannot be read ({@link DefinitionMapper#read} fails: a value edited by hand, a zone this JVM's time-zone
 * database does not know, a word a newer version of Punctual wrote) is <em>set aside by this node</em>: its claims no
 * longer lock it (its schedule nor its retries and triggers), its due time no longer wakes the engine, and one ERROR names
 * the job, the column, the value and what is allowed (again only if the problem changes). A claim that meets it locks the
 * due jobs again without it: it never takes a slot of a claim, though it may sort first. Nothing is written to the row,
 * which keeps its bad value, its next fire and its pending fires; listings show it (state {@code unreadable}).
 *
 * <p>The decision is this node's, not written to the database: another node that can read the row (a newer JDK's
 * zones, the newer version during a rolling upgrade) keeps firing the job. This node reads it again when it is saved
 * (through this store: at once; through another node: at this node's next heartbeat, {@link #recheck}), and when it is
 * deleted it forgets it.
 */
final class UnreadableJobs {

    private static final Logger log = LoggerFactory.getLogger(UnreadableJobs.class);

    /** The jobs set aside, and the problem last logged for each. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** The ids of {@link #problems}, sorted: what claims and due-time reads leave out. */
    private volatile List<String> excluded = List.of();

    /** The jobs this node has set aside, sorted; empty (the claims' SQL unchanged) unless some job cannot be read. */
    List<String> excluded() {
        return excluded;
    }

    /** {@code job}'s definition, or null when this node cannot read it: the job is then set aside. */
    JobDefinition read(JobEntity job, Set<String> tags) {
        try {
            return DefinitionMapper.read(job, tags);
        } catch (UnreadableJobException e) {
            setAside(e);
            return null;
        }
    }

    /** {@code job} as a record: its definition, or what could be read of it and why not the rest (the job then set aside). */
    JobRecord record(JobEntity job, Set<String> tags, int pending) {
        Set<String> known = tags == null ? Set.of() : tags;
        try {
            return StoreQueries.record(job, DefinitionMapper.read(job, known), pending);
        } catch (UnreadableJobException e) {
            setAside(e);
            return unreadableRecord(job, known, pending, e);
        }
    }

    /** What can be read of {@code job}, whose definition cannot be read for {@code problem}: its state, its stored text. */
    static JobRecord unreadableRecord(JobEntity job, Set<String> tags, int pending, UnreadableJobException problem) {
        JobRecord.Unreadable unreadable = new JobRecord.Unreadable(job.id, job.schedule.kind + " " + job.schedule.expression,
                job.schedule.zone, job.enabled, tags, problem);
        return new JobRecord(null, job.paused, job.orphaned, StoreQueries.next(job), job.running,
                Micros.toInstant(job.latestRunStart), pending, Micros.toInstant(job.lastFire),
                job.lastOutcome == null ? null : io.punctual.scheduler.Outcome.valueOf(job.lastOutcome),
                job.consecutiveFailures, unreadable);
    }

    private void setAside(UnreadableJobException e) {
        String before = problems.put(e.jobId(), e.getMessage());
        if (before == null) {
            rebuild();
        }
        if (!e.getMessage().equals(before)) {
            log.error("{} This node does not fire it, nor its retries and triggers, until it can read it; the row is kept as it"
                    + " is. Saving the job again repairs it: declare it again (a restart), reschedule it, or schedule the dynamic"
                    + " job again.", e.getMessage());
        }
    }

    /** {@code jobId} was saved through this store: its row holds a definition this node wrote, which it reads. */
    void saved(String jobId) {
        if (problems.remove(jobId) != null) {
            rebuild();
            log.info("Job '{}' was saved again: this node can read it and fires it again", jobId);
        }
    }

    /** {@code jobId} was removed. */
    void removed(String jobId) {
        if (problems.remove(jobId) != null) {
            rebuild();
        }
    }

    /**
     * Reads the rows set aside again, in the caller's transaction: a job this node can read now (saved through another
     * node) is fired again, a deleted one is forgotten, one whose value changed but is still not readable is logged again.
     */
    void recheck(EntityManager em) {
        List<String> ids = excluded;
        if (ids.isEmpty()) {
            return;
        }
        Map<String, JobEntity> rows = new java.util.HashMap<>();
        IdParameters.list(em, "select j from PunctualJob j where j.id in :ids", JobEntity.class, ids).forEach(j -> rows.put(j.id, j));
        for (String id : ids) {
            JobEntity job = rows.get(id);
            if (job == null) {
                removed(id);
            } else if (read(job, Set.of()) != null && problems.remove(id) != null) {
                rebuild();
                log.info("Job '{}' can be read again (saved through another node): this node fires it again", id);
            }
        }
    }

    private synchronized void rebuild() {
        excluded = problems.keySet().stream().sorted().toList();
    }
}
