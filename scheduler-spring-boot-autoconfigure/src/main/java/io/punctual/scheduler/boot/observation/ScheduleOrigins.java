package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.punctual.scheduler.JobScheduler;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for dynamic jobs scheduled within an observation, the {@code punctual.job.schedule} observation
 * that scheduled them, so that their runs join that trace. In memory: the link holds for runs on the node that
 * scheduled the job, until it restarts; at most {@value #MAX_REMEMBERED} jobs, the oldest forgotten first.
 */
final class ScheduleOrigins {

    static final int MAX_REMEMBERED = 10_000;
    static final String SCHEDULE_OBSERVATION = "punctual.job.schedule";

    static final Duration SCHEDULE_WAIT = Duration.ofSeconds(1);

    private final ObservationRegistry registry;
    /** Handlers with {@code schedule(...)} calls in progress, and how many; the monitor runs wait on. */
    private final Map<String, Integer> scheduling = new HashMap<>();
    private final Map<String, Observation> byJob = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Observation> eldest) {
            return size() > MAX_REMEMBERED;
        }
    });

    ScheduleOrigins(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * The observation that scheduled the dynamic job {@code jobId}, or null. A job due at once may start before
     * {@code schedule(...)} has returned its id: while a call for the same handler is in progress, waits for it
     * (at most {@link #SCHEDULE_WAIT}).
     */
    Observation of(String jobId, String handler) {
        Observation origin = byJob.get(jobId);
        if (origin != null) {
            return origin;
        }
        long deadline = System.nanoTime() + SCHEDULE_WAIT.toNanos();
        synchronized (scheduling) {
            long left;
            while (scheduling.containsKey(handler) && (left = deadline - System.nanoTime()) > 0) {
                try {
                    scheduling.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return byJob.get(jobId);
    }

    JobScheduler capturing(JobScheduler scheduler) {
        ProxyFactory proxy = new ProxyFactory(scheduler);
        proxy.addInterface(JobScheduler.class);
        proxy.addAdvice((MethodInterceptor) this::intercept);
        return (JobScheduler) proxy.getProxy(scheduler.getClass().getClassLoader());
    }

    private Object intercept(MethodInvocation invocation) throws Throwable {
        String method = invocation.getMethod().getName();
        Object[] args = invocation.getArguments();
        if (method.equals("cancel") && args.length == 1) {
            byJob.remove((String) args[0]);
        }
        if (!method.equals("schedule") || registry.getCurrentObservation() == null) {
            return invocation.proceed();
        }
        String handler = String.valueOf(args.length == 3 ? args[0] : args[1]);
        Observation observation = Observation.createNotStarted(SCHEDULE_OBSERVATION, registry)
                .contextualName("schedule " + handler).lowCardinalityKeyValue("handler", handler).start();
        synchronized (scheduling) {
            scheduling.merge(handler, 1, Integer::sum);
        }
        try (Observation.Scope scope = observation.openScope()) {
            Object id = invocation.proceed();
            observation.highCardinalityKeyValue("dynamic.job.id", String.valueOf(id));
            byJob.put((String) id, observation);
            return id;
        } catch (Throwable t) {
            observation.error(t);
            throw t;
        } finally {
            observation.stop();
            synchronized (scheduling) {
                scheduling.computeIfPresent(handler, (h, calls) -> calls == 1 ? null : calls - 1);
                scheduling.notifyAll();
            }
        }
    }
}
