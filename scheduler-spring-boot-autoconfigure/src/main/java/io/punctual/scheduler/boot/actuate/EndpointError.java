package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON body of an error answered by the {@code jobs} endpoint over HTTP, for example
 * {@code {"status":404,"error":"Not Found","message":"No job with id 'x'; ...","job":"x"}}.
 *
 * @param status  the HTTP status: 404 for an unknown job, 400 for a missing or unknown action, 415 for a body
 *                that is not sent as JSON, 409 for a trigger of a job whose stored definition this node cannot read, or a trigger, pause or resume of one that is disabled or orphaned
 * @param error   the status's reason phrase
 * @param message what went wrong, naming the job id, and what is allowed
 * @param job     the job id from the path
 * @param allowed for a bad action or body, the allowed actions; else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointError(int status, String error, String message, String job, List<String> allowed) {

    static EndpointError notFound(String job) {
        return new EndpointError(404, "Not Found", JobsEndpoint.unknownJob(job), job, null);
    }

    static EndpointError notJson(String job, String contentType) {
        return new EndpointError(415, "Unsupported Media Type", "POST /actuator/jobs/" + job + " takes a JSON body, sent with "
                + "the header Content-Type: application/json (this request had " + (contentType == null ? "none" : contentType)
                + "), e.g. curl -X POST -H 'Content-Type: application/json' -d '{\"action\":\"pause\"}'; allowed actions: "
                + String.join(", ", JobAction.words()), job, JobAction.words());
    }

    /**
     * An action the job's state forbids: a trigger, pause or resume of a job that is disabled or orphaned, or a trigger of one whose definition
     * this node cannot read (the problem, as the job lists it).
     */
    static EndpointError conflict(String job, String problem) {
        return new EndpointError(409, "Conflict", problem, job, null);
    }

    /** A JSON body that is not an object, so it has no {@code action} to read. */
    static EndpointError notAnObject(String job, String what) {
        return new EndpointError(400, "Bad Request", "POST /actuator/jobs/" + job + " takes a JSON object such as "
                + "{\"action\": \"pause\"}; this body is " + what + "; allowed actions: " + String.join(", ", JobAction.words()),
                job, JobAction.words());
    }

    /** An action sent as a JSON list or object instead of one word. */
    static EndpointError notAWord(String job, String action) {
        return new EndpointError(400, "Bad Request", "The action for job '" + job + "' must be one word, not " + action
                + ": send a JSON body such as {\"action\": \"pause\"}; allowed: " + String.join(", ", JobAction.words()),
                job, JobAction.words());
    }

    static EndpointError unknownAction(String job, String action) {
        return new EndpointError(400, "Bad Request", JobsEndpoint.unknownAction(job, action), job, JobAction.words());
    }
}
