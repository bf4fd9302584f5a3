package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.ClaimCommitUnknownException;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.PendingFire;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.Turnover;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link JobStore} in a relational database, over Jakarta Persistence only, for several nodes sharing one
 * database. Each call runs in its own resource-local transaction ({@link EntityManager#getTransaction()}),
 * so it never joins nor breaks a transaction of the application.
 *
 * <p>The persistence unit behind {@code entityManagerFactory} must manage {@link #MANAGED_CLASSES}, with
 * resource-local transactions, and the tables must exist: see {@link JpaSchema} for the scripts. Timestamps are
 * stored as microseconds since the epoch ({@code BIGINT}), so they are in UTC whatever the JVM's or the
 * session's zone.
 *
 * <p>Claims lock job rows with {@link LockModeType#PESSIMISTIC_WRITE} and the lock timeout hint
 * {@code -2} ("skip locked"), so that nodes claiming at once share the due jobs instead of waiting on each
 * other. Database errors that mean the database cannot be reached are thrown as
 * {@link StoreUnavailableException}.
 */
public final class JpaJobStore implements JobStore {

    /** The table prefix of SPEC §4's {@code punctual.jdbc.table-prefix} default; the entities' table names carry it. */
    public static final String DEFAULT_TABLE_PREFIX = "punctual_";

    /** The entities' table names, with the default prefix. */
    public static final Set<String> TABLE_NAMES = Set.of("punctual_job", "punctual_job_tag", "punctual_execution",
            "punctual_pending_fire", "punctual_node");

    /** The entity classes the persistence unit must manage. */
    public static final List<Class<?>> ENTITY_CLASSES = List.of(JobEntity.class, JobTagEntity.class,
            ExecutionEntity.class, PendingFireEntity.class, NodeEntity.class);

    /** The names of {@link #ENTITY_CLASSES}, for a {@code PersistenceUnitInfo} or {@code persistence.xml}. */
    public static final List<String> MANAGED_CLASSES = ENTITY_CLASSES.stream().map(Class::getName).toList();

    private final JpaTransactions transactions;
    private volatile PostgresNotifications notifications;
    private volatile javax.sql.DataSource newJobs;
    private final String tablePrefix;
    /** The persistence unit's default schema and catalog: which of them names the tables depends on the database. */
    private final JpaSchema.UnitDefaults unitDefaults;
    /** The store's own SQL, its tables named where the provider maps them ({@link #tables}). */
    private volatile Tables tables;
    /** For tests: read as on a database without a schema script ({@link #readingThroughTheProvider}). */
    private volatile boolean providerReads;
    private final DatabaseTime databaseTime = new DatabaseTime();
    /** The jobs this node cannot read, set aside by its claims until it can (see {@link UnreadableJobs}). */
    private final UnreadableJobs unreadable = new UnreadableJobs();
    /** Where claims scan the claim index from while this node drains a backlog. */
    private final ClaimFloor claimFloor = new ClaimFloor();

    /** A store over tables named with the default prefix {@code punctual_}. */
    public JpaJobStore(EntityManagerFactory entityManagerFactory) {
        this(entityManagerFactory, DEFAULT_TABLE_PREFIX);
    }

    /**
     * @param tablePrefix the prefix of the table names the persistence unit maps the entities to: the
     *                    entities say {@code punctual_}; a persistence unit that renames them (for example with
     *                    a naming strategy of its provider) passes its prefix here: {@link #createSchema} uses it, and
     *                    so does {@link #save}, which inserts a new job's row with plain JDBC
     * @throws IllegalArgumentException when the prefix holds anything but letters, digits and {@code _}
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory, String tablePrefix) {
        this.transactions = new JpaTransactions(java.util.Objects.requireNonNull(entityManagerFactory, "entityManagerFactory"));
        this.tablePrefix = JpaSchema.checkPrefix(tablePrefix);
        this.unitDefaults = JpaSchema.UnitDefaults.of(entityManagerFactory);
        if (unitDefaults.equals(JpaSchema.UnitDefaults.NONE)) {
            this.tables = new Tables(this.tablePrefix); // the connection's own namespace, whatever the database
        }
    }

    /** The statements of the store's own SQL, on tables named {@code <qualifier><prefix>job} and so on. */
    private record Tables(JobRows jobs, ExecutionRows executions) {
        Tables(String qualifiedPrefix) {
            this(new JobRows(qualifiedPrefix), new ExecutionRows(qualifiedPrefix));
        }
    }

    /**
     * The store's own SQL, its tables named as the provider names them: in the unit's default catalog on MySQL and
     * MariaDB, its default schema on the others ({@link JpaSchema#unitNamespace}); built once the database is known.
     */
    private Tables tables(EntityManager em) {
        Tables known = tables;
        if (known == null) {
            known = new Tables(unitDefaults.qualifier(transactions.facts(em).catalogs()) + tablePrefix);
            tables = known;
        }
        return known;
    }

    private JobRows rows(EntityManager em) {
        return tables(em).jobs();
    }

    @Override
    public String name() {
        return "jpa";
    }

    public String tablePrefix() {
        return tablePrefix;
    }

    /**
     * On PostgreSQL: wake the other nodes sharing the database when a job is saved, scheduled, rescheduled,
     * triggered or resumed ({@code NOTIFY} once the change has committed), and listen for theirs on a connection of
     * {@code dataSource}'s, so a fire scheduled on one node starts on another within milliseconds, not at the next
     * poll. Call before the scheduler starts. It finds out on its first connection whether the database is PostgreSQL
     * (it may be down at start-up); on any other it does nothing.
     */
    public JpaJobStore wakeOtherNodesThrough(javax.sql.DataSource dataSource) {
        this.notifications = new PostgresNotifications(dataSource, tablePrefix, null);
        return this;
    }

    /**
     * As {@link #wakeOtherNodesThrough(javax.sql.DataSource)}, for nodes that look at the store at least every
     * {@code pollInterval}: a job saved with its next fire further ahead than that wakes nobody, since every node
     * has looked again, and learnt of it, before it is due.
     */
    public JpaJobStore wakeOtherNodesThrough(javax.sql.DataSource dataSource, Duration pollInterval) {
        this.notifications = new PostgresNotifications(dataSource, tablePrefix, pollInterval);
        return this;
    }

    /**
     * Writes new dynamic jobs through {@code dataSource}, each in its own auto-committed statement on a connection of
     * its own, rather than through an entity manager: scheduling a dynamic job is the store's most frequent write (see
     * {@link JobRows}). {@code dataSource} must be the persistence unit's own (with Spring,
     * {@code EntityManagerFactoryInfo.getDataSource()}). Call before the scheduler starts.
     */
    public JpaJobStore insertNewJobsThrough(javax.sql.DataSource dataSource) {
        this.newJobs = java.util.Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    @Override
    public AutoCloseable watch(Runnable onChange) {
        PostgresNotifications n = notifications;
        if (n == null) {
            return () -> { };
        }
        n.listen(() -> {
            claimFloor.clear(); // another node changed jobs: they may be due before this node's floor
            onChange.run();
        });
        return n::stop;
    }

    /** Tells the other nodes, once the save has committed, that its job's next fire may come before they look again. */
    private JobRecord wakingOthersFor(JobRecord saved, Instant now) {
        if (saved.next() != null) { // and this node's claims: the saved job may be due before their floor
            claimFloor.lower(Micros.of(saved.next().due()));
        }
        PostgresNotifications n = notifications;
        if (n != null) {
            n.requestWakeFor(saved.next(), now);
        }
        return saved;
    }

    /** Tells the other nodes, once the change has committed, that something may be claimable sooner. */
    private <T> T wakingOthers(T committed) {
        claimFloor.clear(); // and this node's claims
        PostgresNotifications n = notifications;
        if (n != null) {
            n.requestWake();
        }
        return committed;
    }

    /**
     * Creates the tables and indexes that are missing, through this store's entity manager factory, with
     * the store's table prefix. Idempotent: never drops nor alters anything.
     *
     * @param database {@code h2}, {@code postgresql} or {@code mysql} (also for MariaDB); see {@link JpaSchema#databaseOf}
     */
    public void createSchema(String database) {
        List<String> statements = JpaSchema.statements(database, tablePrefix);
        inTransaction(em -> {
            statements.forEach(sql -> em.createNativeQuery(sql).executeUpdate());
            return null;
        });
    }

    /** The node id {@link #checkSchema} looks up: any id serves, the look-up only has to read the table. */
    private static final String SCHEMA_CHECK_ID = " ";

    /**
     * Checks that the store's tables exist, so that a missing schema is reported at start-up in words a user
     * can act on rather than at the first fire.
     *
     * @throws IllegalStateException when the tables are missing
     * @throws StoreUnavailableException when the database cannot be reached (not a schema problem)
     */
    public void checkSchema() {
        try {
            // a look-up by id, which the provider answers with the statement it prepared for the entity; a JPQL query
            // here (it was one) built the provider's query parser on the application's main thread: half a second
            inTransaction(em -> em.find(NodeEntity.class, SCHEMA_CHECK_ID));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Punctual's tables (" + tablePrefix + "job, " + tablePrefix + "execution, ...) "
                    + "cannot be read: " + e.getMessage() + ". Create them with punctual.jdbc.initialize-schema=always, or "
                    + "with the scripts io/punctual/scheduler/store/jpa/schema-<database>.sql in scheduler-core "
                    + "(replace ${prefix} with the table prefix) through Flyway or Liquibase.", e);
        }
    }

    @Override
    public JobRecord save(JobDefinition definition, Instant now) {
        JobRecord saved;
        try {
            if (definition.isDynamic()) {
                // a dynamic job's id is almost always new: one INSERT, no look-up first (a taken id fails it: then an update)
                saved = insertNew(definition, now);
            } else {
                saved = inTransaction(em -> SaveTransaction.save(em, rows(em), definition, now));
            }
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // most likely another node inserted the same new job at the same moment: now it is an update
            saved = inTransaction(em -> SaveTransaction.save(em, rows(em), definition, now));
        }
        unreadable.saved(definition.id());
        return wakingOthersFor(saved, now);
    }

    /**
     * Saves the job with {@code schedule} and the rest of its stored definition, read under the job's lock; a stored
     * schedule this node cannot read is replaced, not read.
     *
     * @throws io.punctual.scheduler.UnreadableJobException when another part of the stored definition cannot be read
     */
    @Override
    public JobRecord reschedule(String jobId, io.punctual.scheduler.Schedule schedule, Instant now) {
        JobRecord saved = inTransaction(em -> {
            JobEntity job = em.find(JobEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null) {
                throw new io.punctual.scheduler.NoSuchJobException(jobId);
            }
            // the tags as values, not entities: the save replaces the job's tag rows in this persistence context
            Set<String> tags = Set.copyOf(em.createQuery("select t.tag from PunctualJobTag t where t.jobId = :id", String.class)
                    .setParameter("id", jobId).getResultList());
            return SaveTransaction.save(em, rows(em), DefinitionMapper.readWith(job, tags, schedule), now);
        });
        unreadable.saved(jobId);
        return wakingOthersFor(saved, now);
    }

    private JobRecord insertNew(JobDefinition definition, Instant now) {
        javax.sql.DataSource dataSource = newJobs;
        if (dataSource == null) {
            return inTransaction(em -> SaveTransaction.insert(em, rows(em), definition, now));
        }
        JobEntity job = SaveTransaction.newRow(definition, now);
        Tables known = tables;
        (known != null ? known : inTransaction(this::tables)).jobs().insertAlone(dataSource, job, definition.tags());
        return StoreQueries.record(job, definition, 0);
    }

    @Override
    public boolean remove(String jobId) {
        boolean removed = inTransaction(em -> {
            JobEntity job = em.find(JobEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null) {
                return false;
            }
            for (String entity : List.of("PunctualExecution", "PunctualPendingFire", "PunctualJobTag")) {
                em.createQuery("delete from " + entity + " x where x.jobId = :id").setParameter("id", jobId).executeUpdate();
            }
            em.remove(job);
            return true;
        });
        if (removed) {
            unreadable.removed(jobId);
        }
        return removed;
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
        return inTransaction(em -> StoreReads.find(em, jobId, unreadable));
    }

    @Override
    public List<JobRecord> findAll() {
        return inTransaction(em -> StoreReads.findAll(em, unreadable));
    }

    @Override
    public List<io.punctual.scheduler.NodeInfo> nodes(String self) {
        return inTransaction(em -> StoreReads.nodes(em, self));
    }

    @Override
    public Map<String, Long> countDynamicByHandler() {
        return inTransaction(em -> StoreReads.countDynamicByHandler(em, rows(em)));
    }

    @Override
    public List<String> markOrphans(Set<String> declaredIds) {
        return inTransaction(em -> {
            List<String> undeclared = StoreReads.declaredNotOrphaned(em, rows(em)).stream()
                    .filter(id -> !declaredIds.contains(id)).toList();
            List<String> orphans = new ArrayList<>();
            for (JobEntity job : StoreQueries.lockJobs(em, undeclared)) {
                if (job.handler == null && !job.orphaned) {
                    job.orphaned = true;
                    job.refreshClaimDue();
                    orphans.add(job.id);
                }
            }
            return orphans;
        });
    }

    @Override
    public boolean setPaused(String jobId, boolean paused) {
        return wakingOthers(inTransaction(em -> {
            JobEntity job = em.find(JobEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null) {
                return false;
            }
            setPaused(em, job, paused);
            return true;
        }));
    }

    private static void setPaused(EntityManager em, JobEntity job, boolean paused) {
        job.paused = paused;
        job.waiting = false;
        job.refreshClaimDue();
        if (!paused) {
            StoreQueries.releaseHeld(em, List.of(job.id));
            job.heldRetries = false;
        }
    }

    @Override
    public ClaimBatch claimDue(Instant now, int limit, String node) {
        if (limit < 1) {
            return ClaimBatch.EMPTY;
        }
        ClaimBatch[] claimed = new ClaimBatch[1];
        try {
            return inHotTransaction((em, fireRows) -> {
                claimed[0] = new ClaimTransaction(em, fireRows, unreadable, claimFloor, now, Duration.ZERO, node).run(limit);
                fireRows.write();
                return claimed[0];
            });
        } catch (CommitFailedException e) {
            throw new ClaimCommitUnknownException(claimed[0], e.getCause());
        }
    }

    @Override
    public Turnover completeAndClaim(List<Completion> completions, Instant now, Duration ahead, int limit, String node) {
        ClaimBatch[] claimed = new ClaimBatch[1];
        try {
            return inHotTransaction((em, fireRows) -> {
                // not written before the claim: the claim sees the jobs just completed as this transaction left
                // them (it gets the same objects back); what the completions made claimable that the claim's
                // queries cannot see yet (a retry, a waiting job) wakes the engine for the next pass
                CompletionResult completed = new CompleteTransaction(em, fireRows).run(completions);
                int asked = Math.min(limit, maxClaim()); // one claim takes no more
                claimed[0] = asked < 1 ? ClaimBatch.EMPTY
                        : new ClaimTransaction(em, fireRows, unreadable, claimFloor, now, ahead, node).run(asked);
                fireRows.write();
                if (claimed[0].fires().size() >= asked) {
                    return new Turnover(completed, claimed[0], Optional.empty()); // more may be due: the engine claims again
                }
                // the next due time reads what the claim changed: its job and execution rows are written, the pending
                // fires it started or held back (even when it claimed nothing) are flushed here
                em.flush();
                return new Turnover(completed, claimed[0], StoreReads.nextDue(em, rows(em), unreadable.excluded()));
            });
        } catch (CommitFailedException e) {
            throw new ClaimCommitUnknownException(claimed[0], e.getCause());
        }
    }

    @Override
    public Optional<Instant> nextDueTime() {
        return inTransaction(em -> StoreReads.nextDue(em, rows(em), unreadable.excluded()));
    }

    /** Every call is a round trip to the database: the engine writes outcomes with its claims. */
    @Override
    public boolean remote() {
        return true;
    }

    /** One transaction locks at most {@link IdParameters#MAX} jobs: the most ids one statement binds. */
    @Override
    public int maxClaim() {
        return IdParameters.MAX;
    }

    @Override
    public void addPendingFire(PendingFire fire) {
        wakingOthers(inTransaction(em -> {
            JobEntity job = em.find(JobEntity.class, fire.jobId(), LockModeType.PESSIMISTIC_WRITE);
            if (job != null) {
                StoreQueries.addPending(em, job, fire);
            }
            return null;
        }));
    }

    @Override
    public CompletionResult completeAll(List<Completion> completions) {
        if (completions.isEmpty()) {
            return CompletionResult.NOTHING;
        }
        try {
            return inHotTransaction((em, fireRows) -> {
                CompletionResult result = new CompleteTransaction(em, fireRows).run(completions);
                fireRows.write();
                return result;
            });
        } catch (CommitFailedException e) {
            throw new StoreUnavailableException("the outcomes' commit failed; they are handed again (idempotent)", e.getCause());
        }
    }

    @Override
    public Set<String> runsInFlight(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return Set.of();
        }
        return inTransaction(em -> {
            Set<String> inFlight = new java.util.HashSet<>(IdParameters.list(em, "select e.id from PunctualExecution e"
                    + " where e.id in :ids and e.endTime is null", String.class, executionIds));
            // and the runs job rows hold (JobEntity#runId): a scan of the job table, only after a claim's commit failed
            inFlight.addAll(IdParameters.list(em, "select j.runId from PunctualJob j where j.runId in :ids", String.class,
                    executionIds));
            return Set.copyOf(inFlight);
        });
    }

    /**
     * A row of fires that did not run is held when the execution row of its id ends at or after it: a row of its own
     * exists only when its claim committed (its id was made by the claim), and a summary of skips it extended ends
     * then or later (a later claim may have extended it again) when that claim committed, earlier when it was rolled back.
     */
    @Override
    public Set<String> notRunRecorded(Collection<ExecutionRecord> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Map<String, Long> ends = new java.util.HashMap<>();
        rows.forEach(r -> ends.merge(r.executionId(), Micros.of(r.endTime()), Math::max));
        return inTransaction(em -> {
            Set<String> held = new java.util.HashSet<>();
            for (Object[] row : IdParameters.list(em, "select e.id, e.endTime from PunctualExecution e where e.id in :ids",
                    Object[].class, ends.keySet())) {
                Long end = (Long) row[1];
                if (end != null && end >= ends.get((String) row[0])) {
                    held.add((String) row[0]);
                }
            }
            return Set.copyOf(held);
        });
    }

    /**
     * The database's clock: one short query, see {@link DatabaseTime}; as of this return, what passed since the
     * database answered (the commit, say) is added.
     */
    @Override
    public Optional<Instant> currentTime() {
        return inTransaction(em -> databaseTime.read(em, transactions.facts(em).script())).map(DatabaseTime.Reading::now);
    }

    @Override
    public List<ExecutionRecord> history(String jobId, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return inTransaction(em -> em.createQuery("select e from PunctualExecution e where e.jobId = :id and e.endTime is not null"
                        + " order by e.endTime desc, e.scheduledTime desc, e.attempt desc", ExecutionEntity.class)
                .setParameter("id", jobId).setMaxResults(limit).getResultStream().map(StoreQueries::history).toList());
    }

    @Override
    public int deleteHistoryBefore(Instant cutoff) {
        return inTransaction(em -> HistoryPurge.before(em, cutoff));
    }

    private void othersAlive(boolean alive) {
        PostgresNotifications n = notifications;
        if (n != null) {
            n.othersAlive(alive);
        }
    }

    /** Also reads again the rows of jobs this node set aside, which may have been saved through another node. */
    @Override
    public void heartbeat(String node, Instant now) {
        try {
            othersAlive(inTransaction(em -> NodeRecovery.heartbeat(em, node, now)));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // two heartbeats of a new node raced to insert its row: the row is there now
            othersAlive(inTransaction(em -> NodeRecovery.heartbeat(em, node, now)));
        }
        if (!unreadable.excluded().isEmpty()) {
            inTransaction(em -> {
                unreadable.recheck(em);
                return null;
            });
        }
    }

    /**
     * Nodes whose last heartbeat is older than {@code nodeTimeout} are lost: their runs in flight are recorded
     * as {@code lost} (a failure), retried now while attempts remain, and their node rows deleted once none of their
     * runs is left in flight (a node that comes back heartbeats itself in again; its late completions are refused; a run
     * it claimed while this recovery waited for job locks is left to the next one). Nodes are locked with skip
     * locked, so two nodes recovering at once never both recover one run.
     */
    @Override
    public List<ExecutionRecord> recoverRunsOfPreviousProcess(String node, Instant now) {
        List<ExecutionRecord> recovered = inTransaction(em -> NodeRecovery.recoverRestarted(em, node, now, unreadable));
        claimFloor.clear(); // runs ended: their jobs may be due again
        return recovered;
    }

    @Override
    public List<ExecutionRecord> recoverLostRuns(Instant now, Duration nodeTimeout) {
        List<ExecutionRecord> recovered = inTransaction(em -> NodeRecovery.recover(em, now, nodeTimeout, unreadable));
        claimFloor.clear(); // runs ended: their jobs may be due again
        return recovered;
    }

    /** The job and execution rows of one claim or outcomes transaction, read and written with JDBC. */
    private FireRows fireRows(EntityManager em) {
        Tables known = tables(em);
        return new FireRows(em, known.jobs(), known.executions(), providerReads(em), transactions.facts(em), claimFloor);
    }

    /** Whether claims and outcomes read their rows through the provider's queries ({@link DatabaseFacts#jdbcRows}). */
    private boolean providerReads(EntityManager em) {
        return providerReads || !transactions.facts(em).jdbcRows();
    }

    /** For tests: claims and outcomes read as on a database without a schema script, through the provider's queries. */
    JpaJobStore readingThroughTheProvider() {
        providerReads = true;
        return this;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return transactions.run(work);
    }

    /**
     * A claim's or outcomes' transaction, with its {@link FireRows}. Its statements use PostgreSQL's cached plans unless it
     * looks rows up by lists of ids ({@link FireRows#planForValues}). When it has ended, the claim floor is lowered again
     * to the earliest claim due time those rows were written with. {@link FireRows#write} lowered it already, but before
     * the commit: a claim on another thread (outcomes are written by the workers' threads while the engine's claims)
     * that scans in between cannot see those rows yet, and sets the floor past them.
     */
    private <T> T inHotTransaction(java.util.function.BiFunction<EntityManager, FireRows, T> work) {
        FireRows[] written = new FireRows[1];
        try {
            return transactions.run(em -> {
                written[0] = fireRows(em);
                return work.apply(em, written[0]);
            });
        } finally { // committed or not: a commit whose answer was lost may have committed
            if (written[0] != null) {
                claimFloor.lower(written[0].earliestWrittenClaimDue());
            }
        }
    }

    @Override
    public String toString() {
        return "JpaJobStore[prefix=" + tablePrefix + "]";
    }
}
