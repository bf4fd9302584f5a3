package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON body of an error answered by the {@code jobs} endpoint over HTTP, for example
 * {@code {"status":404,"error":"Not Found","message":"No job with id 'x'; ...","job":"x"}}.
 *
 * @param status  the HTTP status: 404 for an unknown job, 400 for an unknown action
 * @param error   the status's reason phrase
 * @param message what went wrong, naming the job id, and what is allowed
 * @param job     the job id from the path
 * @param allowed for an unknown action, the allowed actions; else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointError(int status, String error, String message, String job, List<String> allowed) {

    static EndpointError notFound(String job) {
        return new EndpointError(404, "Not Found", JobsEndpoint.unknownJob(job), job, null);
    }

    static EndpointError unknownAction(String job, String action) {
        return new EndpointError(400, "Bad Request", JobsEndpoint.unknownAction(job, action), job, JobAction.words());
    }
}
