package io.punctual.scheduler;

/**
 * A job whose definition cannot be used. The message names the job, the attribute, the bad value and what
 * is allowed; the parts are also available on their own, e.g. for a Spring Boot failure analyzer.
 */
public class InvalidJobDefinitionException extends IllegalArgumentException {

    private final String jobId;
    private final String attribute;
    private final String value;
    private final String allowed;

    public InvalidJobDefinitionException(String jobId, String attribute, String value, String allowed) {
        this(jobId, attribute, value, null, allowed, null);
    }

    /**
     * @param reason why the value is wrong, or null when {@code allowed} says it all
     */
    public InvalidJobDefinitionException(String jobId, String attribute, String value, String reason, String allowed,
                                         Throwable cause) {
        super(message(jobId, attribute, value, reason, allowed), cause);
        this.jobId = jobId;
        this.attribute = attribute;
        this.value = value;
        this.allowed = allowed;
    }

    private static String message(String jobId, String attribute, String value, String reason, String allowed) {
        return "Job '" + jobId + "': " + problem(attribute, value, reason, allowed);
    }

    /** What is wrong, without the job: {@code cron = 'x' is invalid: <reason>. Allowed: <allowed>.} */
    static String problem(String attribute, String value, String reason, String allowed) {
        StringBuilder sb = new StringBuilder();
        sb.append(attribute).append(" = '").append(value).append("' is invalid");
        if (reason != null && !reason.isBlank()) {
            sb.append(": ").append(reason);
        }
        return sb.append(". Allowed: ").append(allowed).append('.').toString();
    }

    /** The message without its leading {@code Job '<id>': }: what is wrong and what is allowed. */
    public String problem() {
        String prefix = "Job '" + jobId + "': ";
        String message = getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    public String jobId() {
        return jobId;
    }

    public String attribute() {
        return attribute;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }
}
