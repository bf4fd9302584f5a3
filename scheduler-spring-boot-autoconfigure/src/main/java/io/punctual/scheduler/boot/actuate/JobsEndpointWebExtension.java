package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobStateConflictException;
import io.punctual.scheduler.UnreadableJobException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link JobsEndpoint} over HTTP: the same operations, with a JSON {@link EndpointError} body for an unknown
 * job (404), a missing or unknown action (400), a trigger of a job this node cannot read and a trigger, pause or resume of one that is disabled or orphaned (409) instead of an empty
 * answer or a server error. A body that is not JSON gets its
 * error body from {@link JobsEndpointContentTypeFilter}.
 */
@EndpointWebExtension(endpoint = JobsEndpoint.class)
public class JobsEndpointWebExtension {

    private final JobsEndpoint delegate;

    public JobsEndpointWebExtension(JobsEndpoint delegate) {
        this.delegate = delegate;
    }

    /** {@code GET /actuator/jobs/{id}}: the job in detail, or 404 with an error body. */
    @ReadOperation
    public WebEndpointResponse<Object> job(@Selector String id) {
        JobDetail detail = delegate.job(id);
        return detail == null ? error(EndpointError.notFound(id)) : new WebEndpointResponse<>(detail);
    }

    /** {@code POST /actuator/jobs/{id}} with {@code {"action": "trigger" | "pause" | "resume"}}. */
    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String id, @Nullable String action) {
        if (JobAction.of(action).isEmpty()) {
            return !delegate.exists(id) ? error(EndpointError.notFound(id)) : error(EndpointError.unknownAction(id, action));
        }
        JobSummary summary;
        try {
            summary = delegate.act(id, action);
        } catch (UnreadableJobException | JobStateConflictException e) {
            return error(EndpointError.conflict(id, e.getMessage()));
        }
        return summary == null ? error(EndpointError.notFound(id)) : new WebEndpointResponse<>(summary);
    }

    private static WebEndpointResponse<Object> error(EndpointError error) {
        return new WebEndpointResponse<>(error, error.status());
    }
}
