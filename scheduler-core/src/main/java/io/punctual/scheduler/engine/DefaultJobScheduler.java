package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.NoSuchJobException;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.SchedulerInfo;
import io.punctual.scheduler.StoreStatus;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.NextFire;
import io.punctual.scheduler.store.PendingFire;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@link JobScheduler} over an engine, a registry of code and the stores. Built by the builder. */
final class DefaultJobScheduler implements JobScheduler {

    private final Stores stores;
    private final JobRegistry registry;
    private final SchedulerEngine engine;
    private final String nodeId;
    private final JobPolicy defaultPolicy;

    DefaultJobScheduler(Stores stores, JobRegistry registry, SchedulerEngine engine, String nodeId,
                        JobPolicy defaultPolicy) {
        this.stores = stores;
        this.registry = registry;
        this.engine = engine;
        this.nodeId = nodeId;
        this.defaultPolicy = defaultPolicy;
    }

    /** The engine, for the manual engine of tests. */
    SchedulerEngine engine() {
        return engine;
    }

    @Override
    public void start() {
        engine.start(true);
    }

    @Override
    public void stop() {
        engine.stop();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public SchedulerInfo info() {
        StoreHealth.Shown store = engine.storeHealth();
        return new SchedulerInfo(engine.state(), nodeId, stores.shared().name(), store.status() == StoreStatus.REACHABLE,
                engine.inFlightCount(), store.status(), store.error());
    }

    @Override
    public List<JobInfo> jobs() {
        return stores.findAll().stream().map(JobRecord::toInfo).toList();
    }

    @Override
    public List<io.punctual.scheduler.NodeInfo> nodes() {
        List<io.punctual.scheduler.NodeInfo> nodes = stores.shared().nodes(nodeId);
        return nodes.isEmpty() ? JobScheduler.super.nodes() : nodes;
    }

    @Override
    public java.util.Map<String, Long> dynamicJobsByHandler() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        stores.all().forEach(s -> s.countDynamicByHandler().forEach((h, n) -> counts.merge(h, n, Long::sum)));
        return counts;
    }

    @Override
    public List<JobInfo> jobsByTag(String tag) {
        return jobs().stream().filter(j -> j.tags().contains(tag)).toList();
    }

    @Override
    public Optional<JobInfo> job(String id) {
        return stores.find(id).map(JobRecord::toInfo);
    }

    @Override
    public JobInfo register(JobDefinition definition, Job job) {
        registry.putJob(definition.id(), job);
        JobStore store = stores.forDefinition(definition);
        // a job lives in exactly one store: one whose scope changed leaves the other (it was declared there before)
        stores.other(store).ifPresent(other -> other.remove(definition.id()));
        JobRecord record = store.save(definition, engine.now(store));
        engine.wakeFor(store, record.next());
        return record.toInfo();
    }

    @Override
    public <P> void registerHandler(String name, Class<P> payloadType, io.punctual.scheduler.PayloadJob<P> handler) {
        registry.putHandler(name, payloadType, handler);
    }

    @Override
    public List<String> markOrphans(java.util.Set<String> declaredIds) {
        return stores.shared().markOrphans(declaredIds);
    }

    @Override
    public void trigger(String id) {
        trigger(id, null);
    }

    @Override
    public void trigger(String id, String detail) {
        if (detail != null && detail.length() > PendingFire.MAX_DETAIL) {
            throw new IllegalArgumentException("Job '" + id + "': a trigger's note has " + detail.length()
                    + " characters; at most " + PendingFire.MAX_DETAIL + " are allowed");
        }
        JobRecord record = stores.require(id);
        refuseWhenNeverFired(record, "triggered");
        if (record.definition() == null) {
            throw record.unreadable().problem(); // this node would not run it: it cannot read what to run
        }
        JobStore store = stores.forDefinition(record.definition());
        Instant now = engine.now(store);
        store.addPendingFire(new PendingFire(id, now, now, 1, FireOrigin.TRIGGER, detail));
        engine.wake();
    }

    /**
     * The one rule for the actions on one job: a disabled or orphaned job never fires, so it can be neither triggered nor
     * paused nor resumed (a pause or resume would answer as done and change nothing anyone sees). A job whose definition
     * this node cannot read is not refused here: pause and resume change only its stored pause flag.
     *
     * @throws io.punctual.scheduler.JobStateConflictException naming the job, its state and, for a disabled job, how to
     *                                                          enable it
     */
    private static void refuseWhenNeverFired(JobRecord record, String done) {
        String id = record.id();
        if (record.state() == JobState.DISABLED) {
            throw new io.punctual.scheduler.JobStateConflictException(id, "Job '" + id + "' is disabled and cannot be "
                    + done + ": a disabled job never fires. Enable it in its definition (in Spring Boot, the property "
                    + "punctual.jobs." + id + ".enabled=true, which wins over the annotation's enabled)");
        }
        if (record.state() == JobState.ORPHANED) {
            throw new io.punctual.scheduler.JobStateConflictException(id, "Job '" + id + "' is orphaned and cannot be "
                    + done + ": the application no longer declares it, so it never fires; cancel removes it");
        }
    }

    @Override
    public void pause(String id) {
        JobRecord record = stores.require(id);
        refuseWhenNeverFired(record, "paused");
        if (!stores.storeOf(record).setPaused(id, true)) {
            throw new NoSuchJobException(id);
        }
    }

    @Override
    public void resume(String id) {
        JobRecord record = stores.require(id);
        refuseWhenNeverFired(record, "resumed");
        if (!stores.storeOf(record).setPaused(id, false)) {
            throw new NoSuchJobException(id);
        }
        engine.wake();
    }

    @Override
    public int pauseTag(String tag) {
        return setPausedByTag(tag, true);
    }

    @Override
    public int resumeTag(String tag) {
        int count = setPausedByTag(tag, false);
        engine.wake();
        return count;
    }

    /**
     * Pauses or resumes, one by one, the jobs carrying {@code tag} that {@link #pause} and {@link #resume} accept: a
     * disabled or orphaned job, which those refuse, is left as it is and not counted. Each job goes through its store's
     * {@link JobStore#setPaused}; stores have no pause by tag.
     *
     * @return how many jobs were paused or resumed (a job already in that state counts)
     */
    private int setPausedByTag(String tag, boolean paused) {
        int count = 0;
        for (JobRecord record : stores.findAll()) {
            JobState state = record.state();
            if (state == JobState.DISABLED || state == JobState.ORPHANED || !record.toInfo().tags().contains(tag)) {
                continue;
            }
            if (stores.storeOf(record).setPaused(record.id(), paused)) {
                count++; // false: removed (cancelled) since the listing
            }
        }
        return count;
    }

    @Override
    public void reschedule(String id, Schedule schedule) {
        JobStore store = stores.storeOf(id);
        store.reschedule(id, schedule, engine.now(store));
        engine.wake();
    }

    @Override
    public List<Instant> nextFireTimes(String id, int count) {
        JobRecord record = stores.require(id);
        List<Instant> times = new ArrayList<>();
        if (record.definition() == null) {
            return times; // its schedule cannot be read here: this node fires none
        }
        NextFire next = record.next();
        while (next != null && times.size() < count) {
            times.add(next.due());
            next = record.definition().schedule().computedFromRunEnd() ? null : FirePlanner.after(record.definition(), next.nominal());
        }
        return times;
    }

    @Override
    public List<ExecutionRecord> history(String id, int limit) {
        return stores.storeOf(id).history(id, limit);
    }

    @Override
    public String schedule(String handler, Schedule schedule, Object payload) {
        return schedule(handler + "-" + UUID.randomUUID(), handler, schedule, payload, defaultPolicy);
    }

    @Override
    public String schedule(String id, String handler, Schedule schedule, Object payload, JobPolicy policy) {
        if (!registry.hasHandler(handler)) {
            throw new IllegalArgumentException("Job '" + id + "': no handler named '" + handler + "' is registered");
        }
        String encoded = registry.codec().encode(payload);
        JobDefinition definition = new JobDefinition(id, schedule, policy == null ? defaultPolicy : policy, Set.of(), true,
                Duration.ZERO, handler, encoded);
        JobStore store = stores.forDefinition(definition);
        JobRecord record = store.save(definition, engine.now(store));
        engine.wakeFor(store, record.next());
        return id;
    }

    @Override
    public boolean cancel(String id) {
        Optional<JobRecord> record = stores.find(id);
        if (record.isEmpty()) {
            return false;
        }
        registry.removeJob(id);
        return stores.storeOf(record.get()).remove(id);
    }
}
