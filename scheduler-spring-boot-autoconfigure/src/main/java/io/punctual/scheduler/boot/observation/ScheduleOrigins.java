package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.punctual.scheduler.JobScheduler;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;

import java.util.Collections;
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

    private final ObservationRegistry registry;
    private final Map<String, Observation> byJob = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Observation> eldest) {
            return size() > MAX_REMEMBERED;
        }
    });

    ScheduleOrigins(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** The observation that scheduled the dynamic job {@code jobId}, or null. */
    Observation of(String jobId) {
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
        }
    }
}
