package io.punctual.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's runtime API: what applications, the {@code jobs} endpoint and tests call. In Spring Boot
 * it is a bean; in plain Java it comes from {@link #builder()}. Thread-safe.
 *
 * <p>Operations on a job id that does not exist throw {@link NoSuchJobException}.
 */
public interface JobScheduler extends AutoCloseable {

    /** A builder for a scheduler in plain Java. */
    static JobSchedulerBuilder builder() {
        return new JobSchedulerBuilder();
    }

    /**
     * Starts firing jobs, or fires them again after {@link #stop()}. Does nothing while running.
     *
     * @throws IllegalStateException once {@link #close()} has ended the scheduler
     */
    void start();

    /**
     * Stops firing: no new fire starts, runs in flight get the shutdown await to finish, then are interrupted and
     * recorded as {@code interrupted}; their outcomes are written before it returns. The jobs, handlers, listeners and
     * the store stay, so {@link #start()} fires again: due fires missed meanwhile follow their misfire policy, as after a
     * restart. While stopped this node does not heartbeat; other nodes may take it for lost after {@code nodeTimeout},
     * which costs nothing, since none of its runs is in flight. Does nothing when not running. Spring's
     * {@code ConfigurableApplicationContext.stop()} calls it (and {@code start()} to resume).
     */
    void stop();

    /**
     * Stops as {@link #stop()} does, for good: a later {@link #start()} throws. Idempotent. The store is not closed:
     * it belongs to whoever made it.
     */
    @Override
    void close();

    /** The scheduler's state, node id and store. */
    SchedulerInfo info();

    /**
     * All jobs, in id order. A job the store holds but this node cannot read is listed too, with state
     * {@link JobState#UNREADABLE} (or disabled, orphaned), what could be read and {@link JobInfo#problem()}.
     */
    List<JobInfo> jobs();

    /** Jobs carrying {@code tag}, in id order. */
    List<JobInfo> jobsByTag(String tag);

    /** The job, listed as in {@link #jobs()}: one this node cannot read is found too, without its definition. */
    Optional<JobInfo> job(String id);

    /**
     * Adds a job (or replaces the definition of one with the same id) with the code it runs.
     *
     * @throws InvalidJobDefinitionException when the definition cannot be scheduled
     */
    JobInfo register(JobDefinition definition, Job job);

    /**
     * Registers (or replaces) the handler that dynamic jobs name in {@link #schedule(String, Schedule, Object)}.
     */
    <P> void registerHandler(String name, Class<P> payloadType, PayloadJob<P> handler);

    /**
     * Marks stored jobs that are neither dynamic nor among {@code declaredIds} as orphaned: they are kept and
     * listed, never fired, and can be removed with {@link #cancel}. Returns their ids.
     */
    List<String> markOrphans(java.util.Set<String> declaredIds);

    /**
     * Runs the job now, outside its schedule; the schedule is not changed. Skipped if at max instances.
     *
     * @throws IllegalStateException when the job is disabled or orphaned; {@link UnreadableJobException} when this node
     *                               cannot read its definition
     */
    void trigger(String id);

    /**
     * Like {@link #trigger(String)}, with a note for the run's history row {@code detail}, e.g. {@code triggered by
     * alice} from the dashboard, of at most 1,000 characters. Schedulers that cannot carry the note run the job without it.
     *
     * @throws IllegalArgumentException when the note is longer
     */
    default void trigger(String id, String detail) {
        trigger(id);
    }

    /**
     * Holds the job's fires until {@link #resume}; persistent with a persistent store.
     *
     * @throws JobStateConflictException when the job is disabled or orphaned: it never fires, so there is nothing to hold
     */
    void pause(String id);

    /**
     * Resumes a paused job; fires missed meanwhile follow its misfire and coalesce policies.
     *
     * @throws JobStateConflictException when the job is disabled or orphaned: it never fires, so there is nothing to resume
     */
    void resume(String id);

    /**
     * Pauses every job tagged {@code tag} that {@link #pause} would pause. A disabled or orphaned job, which never fires
     * and which {@link #pause} refuses, is left alone and not counted; no exception is thrown for it.
     *
     * @return how many tagged jobs are now paused by this call, those already paused included; disabled and orphaned
     *         jobs are not counted
     */
    int pauseTag(String tag);

    /**
     * Resumes every job tagged {@code tag} that {@link #resume} would resume. A disabled or orphaned job, which never
     * fires and which {@link #resume} refuses, is left alone (a paused one stays paused) and not counted.
     *
     * @return how many tagged jobs are now resumed by this call, those that were not paused included; disabled and
     *         orphaned jobs are not counted
     */
    int resumeTag(String tag);

    /**
     * Gives the job a new schedule; its next fire is computed from now. A schedule equal to the current one changes nothing.
     * A stored schedule this node cannot read is replaced: that repairs a job {@link JobState#UNREADABLE} for its schedule.
     *
     * @throws UnreadableJobException when another part of the job's stored definition (its policy) cannot be read
     */
    void reschedule(String id, Schedule schedule);

    /** The next {@code count} due times of the job (fewer when its schedule ends; none when its schedule cannot be read). */
    List<Instant> nextFireTimes(String id, int count);

    /** The job's history, newest first. */
    List<ExecutionRecord> history(String id, int limit);

    /**
     * Schedules a dynamic job: the method registered as handler {@code handler} runs on {@code schedule} with
     * {@code payload}, which is stored encoded so that it survives restarts. Returns the new job's id.
     *
     * @throws IllegalArgumentException when no handler has that name or the payload cannot be encoded
     */
    String schedule(String handler, Schedule schedule, Object payload);

    /**
     * Like {@link #schedule(String, Schedule, Object)} with the job's id and policy chosen by the caller; a null
     * {@code policy} means the scheduler's default policy (in Spring Boot, {@code punctual.defaults.*}).
     */
    String schedule(String id, String handler, Schedule schedule, Object payload, JobPolicy policy);

    /** Removes a job, its pending retries and its history. Returns whether it existed. */
    boolean cancel(String id);

    /**
     * How many dynamic jobs (scheduled with {@link #schedule}) each handler has, read with one grouped count rather
     * than a listing of every job.
     */
    default java.util.Map<String, Long> dynamicJobsByHandler() {
        return jobs().stream().filter(j -> j.definition() != null && j.definition().isDynamic()).collect(java.util.stream.Collectors.groupingBy(
                j -> j.definition().handler(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /**
     * The nodes sharing the store, this one included, with their last heartbeat and runs in flight, in id order. A
     * store that serves one node lists this node alone.
     */
    default java.util.List<NodeInfo> nodes() {
        SchedulerInfo info = info();
        return java.util.List.of(new NodeInfo(info.node(), null, info.runningOnThisNode(), true));
    }
}
