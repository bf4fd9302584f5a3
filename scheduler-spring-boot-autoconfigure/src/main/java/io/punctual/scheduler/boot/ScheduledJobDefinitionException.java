package io.punctual.scheduler.boot;

/**
 * A {@code @ScheduledJob} (or {@code @JobHandler}, or a {@code punctual.jobs.*} property) that cannot be
 * scheduled. Stops the application at start-up; {@link ScheduledJobFailureAnalyzer} explains it.
 */
public class ScheduledJobDefinitionException extends RuntimeException {

    private final String jobId;
    private final String beanName;
    private final String method;
    private final String attribute;
    private final String value;
    private final String reason;
    private final String allowed;
    private final String source;

    /**
     * @param jobId     the job id, or the handler name
     * @param beanName  the bean declaring the method, or null for a property naming no job
     * @param method    {@code Class#method}, or null
     * @param attribute the attribute at fault
     * @param value     the bad value
     * @param reason    why it is wrong, or null
     * @param allowed   what would be accepted
     * @param source    where the value came from: {@code @ScheduledJob}, a property name
     */
    public ScheduledJobDefinitionException(String jobId, String beanName, String method, String attribute, String value,
                                           String reason, String allowed, String source, Throwable cause) {
        super(message(jobId, beanName, method, attribute, value, reason, allowed, source), cause);
        this.jobId = jobId;
        this.beanName = beanName;
        this.method = method;
        this.attribute = attribute;
        this.value = value;
        this.reason = reason;
        this.allowed = allowed;
        this.source = source;
    }

    private static String message(String jobId, String beanName, String method, String attribute, String value,
                                  String reason, String allowed, String source) {
        StringBuilder sb = new StringBuilder("Job '").append(jobId).append('\'');
        if (beanName != null) {
            sb.append(" (bean '").append(beanName).append("', method ").append(method).append(')');
        }
        sb.append(": ").append(attribute).append(" = '").append(value).append("'");
        if (source != null) {
            sb.append(" (from ").append(source).append(')');
        }
        sb.append(" is invalid");
        if (reason != null && !reason.isBlank()) {
            sb.append(": ").append(reason);
        }
        return sb.append(". Allowed: ").append(allowed).append('.').toString();
    }

    public String getJobId() {
        return jobId;
    }

    public String getBeanName() {
        return beanName;
    }

    public String getMethod() {
        return method;
    }

    public String getAttribute() {
        return attribute;
    }

    public String getValue() {
        return value;
    }

    public String getReason() {
        return reason;
    }

    public String getAllowed() {
        return allowed;
    }

    public String getSource() {
        return source;
    }
}
