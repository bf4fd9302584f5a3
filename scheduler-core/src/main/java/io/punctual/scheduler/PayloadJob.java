package io.punctual.scheduler;

/**
 * The work of a dynamic job: a named handler that receives the payload it was scheduled with.
 *
 * @param <P> the payload type, decoded from its stored JSON by the scheduler's {@link PayloadCodec}
 */
@FunctionalInterface
public interface PayloadJob<P> {

    void run(JobContext context, P payload) throws Exception;
}
