package io.punctual.scheduler.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a bad {@code punctual.*} property: which property, which value, why, and what is allowed. */
class PunctualPropertyFailureAnalyzer extends AbstractFailureAnalyzer<PunctualPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PunctualPropertyException cause) {
        return analysis(cause.getProperty(), cause.getValue(), cause.getReason(), cause.getAllowed(), cause);
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
