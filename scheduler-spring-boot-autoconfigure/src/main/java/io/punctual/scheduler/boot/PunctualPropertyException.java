package io.punctual.scheduler.boot;

/**
 * A {@code punctual.*} property with a value Punctual cannot use, or one whose name Punctual does not know (see
 * {@link #unknown}). Stops the application at start-up; {@link PunctualPropertyFailureAnalyzer} explains it with
 * the property, the value and what is allowed.
 */
public class PunctualPropertyException extends RuntimeException {

    private final String property;
    private final String value;
    private final String reason;
    private final String allowed;
    private final String suggestion;
    private final boolean unknownName;

    /**
     * @param property the property in kebab case, e.g. {@code punctual.executor.threads}
     * @param value    the bad value as configured
     * @param reason   why it is wrong, or null
     * @param allowed  what would be accepted
     */
    public PunctualPropertyException(String property, String value, String reason, String allowed, Throwable cause) {
        this(property + " = '" + value + "' is invalid" + (reason == null ? "" : ": " + reason) + ". Allowed: "
                + allowed + ".", property, value, reason, allowed, null, false, cause);
    }

    private PunctualPropertyException(String message, String property, String value, String reason, String allowed,
            String suggestion, boolean unknownName, Throwable cause) {
        super(message, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
        this.allowed = allowed;
        this.suggestion = suggestion;
        this.unknownName = unknownName;
    }

    /**
     * A property whose name Punctual does not know, e.g. a misspelt {@code punctual.defaults.misfire-grce}.
     *
     * @param property   the unknown name in kebab case
     * @param value      its value as configured
     * @param reason     where it was looked up and where it was set, or null
     * @param allowed    the names that would be known
     * @param suggestion a known name close to the unknown one, or null
     */
    public static PunctualPropertyException unknown(String property, String value, String reason, String allowed,
            String suggestion) {
        return new PunctualPropertyException(property + " is not a known property" + (suggestion == null ? ""
                : " (did you mean " + suggestion + "?)") + (reason == null ? "" : ": " + reason) + ". Known: "
                + allowed + ".", property, value, reason, allowed, suggestion, true, null);
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

    /** What would be accepted: values for a bad value, property names for an {@linkplain #isUnknownName unknown name}. */
    public String getAllowed() {
        return allowed;
    }

    /** A known property name close to an {@linkplain #isUnknownName unknown} one, or null. */
    public String getSuggestion() {
        return suggestion;
    }

    /** True when the property's name is not known, rather than its value not usable. */
    public boolean isUnknownName() {
        return unknownName;
    }
}
