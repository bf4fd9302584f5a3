package io.punctual.scheduler.engine;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.PayloadJob;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The code behind job ids and handler names. Definitions live in the store; code lives here. Thread-safe. */
final class JobRegistry {

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Handler<?>> handlers = new ConcurrentHashMap<>();
    private final PayloadCodec codec;

    JobRegistry(PayloadCodec codec) {
        this.codec = codec;
    }

    void putJob(String id, Job job) {
        jobs.put(id, job);
    }

    void removeJob(String id) {
        jobs.remove(id);
    }

    <P> void putHandler(String name, Class<P> payloadType, PayloadJob<P> handler) {
        handlers.put(name, new Handler<>(payloadType, handler));
    }

    boolean hasHandler(String name) {
        return handlers.containsKey(name);
    }

    PayloadCodec codec() {
        return codec;
    }

    /**
     * The code to run for a definition.
     *
     * @throws IllegalStateException when no code is registered for it; the run is then recorded as a failure
     */
    Job resolve(JobDefinition definition) {
        if (definition.isDynamic()) {
            Handler<?> handler = handlers.get(definition.handler());
            if (handler == null) {
                throw new IllegalStateException("Job '" + definition.id() + "': no handler named '" + definition.handler()
                        + "' is registered; known handlers: " + handlers.keySet());
            }
            return context -> handler.run(context, definition.payload());
        }
        Job job = jobs.get(definition.id());
        if (job == null) {
            throw new IllegalStateException("Job '" + definition.id() + "': no code is registered for this id in this application");
        }
        return job;
    }

    private final class Handler<P> {
        private final Class<P> type;
        private final PayloadJob<P> job;

        Handler(Class<P> type, PayloadJob<P> job) {
            this.type = type;
            this.job = job;
        }

        void run(io.punctual.scheduler.JobContext context, String payload) throws Exception {
            P decoded;
            try {
                decoded = codec.decode(payload, type);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Job '" + context.jobId() + "': its payload no longer decodes to "
                        + type.getName() + ": " + e.getMessage(), e);
            }
            job.run(context, decoded);
        }
    }
}
