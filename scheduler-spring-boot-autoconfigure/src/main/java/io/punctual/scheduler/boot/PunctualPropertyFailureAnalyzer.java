package io.punctual.scheduler.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a bad {@code punctual.*} property: which property, which value, why, and what is allowed. */
class PunctualPropertyFailureAnalyzer extends AbstractFailureAnalyzer<PunctualPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PunctualPropertyException cause) {
        if (cause.isUnknownName()) {
            return unknownName(cause);
        }
        return analysis(cause.getProperty(), cause.getValue(), cause.getReason(), cause.getAllowed(), cause);
    }

    /** A property whose name is not known: its value is not the problem, so the action is to rename or remove it. */
    private static FailureAnalysis unknownName(PunctualPropertyException cause) {
        String property = cause.getProperty();
        StringBuilder description = new StringBuilder("A Punctual property is not known: ").append(property)
                .append(cause.getSuggestion() != null ? " (did you mean " + cause.getSuggestion() + "?)" : "")
                .append(".\n\n");
        description.append("    Property:  ").append(property).append('\n');
        description.append("    Value:     '").append(cause.getValue()).append("'\n");
        if (cause.getReason() != null) {
            description.append("    Problem:   ").append(cause.getReason()).append('\n');
        }
        String action = (cause.getSuggestion() != null
                ? "Rename " + property + " to " + cause.getSuggestion() + ", or remove it."
                : "Remove " + property + ", or rename it to a known property.")
                + " Known: " + cause.getAllowed() + ".";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    static FailureAnalysis analysis(String property, String value, String reason, String allowed, Throwable cause) {
        StringBuilder description = new StringBuilder("A Punctual property has a value that cannot be used.\n\n");
        description.append("    Property:  ").append(property).append('\n');
        description.append("    Value:     '").append(value).append("'\n");
        if (reason != null) {
            description.append("    Problem:   ").append(reason).append('\n');
        }
        return new FailureAnalysis(description.toString(), "Change " + property + ". Allowed: " + allowed + ".", cause);
    }
}
