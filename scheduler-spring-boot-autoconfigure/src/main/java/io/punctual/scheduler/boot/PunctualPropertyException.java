package io.punctual.scheduler.boot;

/**
 * A {@code punctual.*} property with a value Punctual cannot use. Stops the application at start-up;
 * {@link PunctualPropertyFailureAnalyzer} explains it with the property, the value and what is allowed.
 */
public class PunctualPropertyException extends RuntimeException {

    private final String property;
    private final String value;
    private final String reason;
    private final String allowed;

    /**
     * @param property the property in kebab case, e.g. {@code punctual.executor.threads}
     * @param value    the bad value as configured
     * @param reason   why it is wrong, or null
     * @param allowed  what would be accepted
     */
    public PunctualPropertyException(String property, String value, String reason, String allowed, Throwable cause) {
        super(property + " = '" + value + "' is invalid" + (reason == null ? "" : ": " + reason) + ". Allowed: "
                + allowed + ".", cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
        this.allowed = allowed;
    }

    public String getProperty() {
        return property;
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
}
