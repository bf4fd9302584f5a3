package io.punctual.scheduler.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a job that cannot be scheduled: which job, bean and method, which attribute, and what is allowed. */
class ScheduledJobFailureAnalyzer extends AbstractFailureAnalyzer<ScheduledJobDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ScheduledJobDefinitionException cause) {
        StringBuilder description = new StringBuilder("A scheduled job could not be set up.\n\n");
        description.append("    Job:       ").append(cause.getJobId()).append('\n');
        if (cause.getBeanName() != null) {
            description.append("    Bean:      ").append(cause.getBeanName()).append('\n');
            description.append("    Method:    ").append(cause.getMethod()).append('\n');
        }
        description.append("    Attribute: ").append(cause.getAttribute()).append('\n');
        description.append("    Value:     '").append(cause.getValue()).append("'\n");
        if (cause.getSource() != null) {
            description.append("    From:      ").append(cause.getSource()).append('\n');
        }
        if (cause.getReason() != null) {
            description.append("    Problem:   ").append(cause.getReason()).append('\n');
        }
        String where = cause.getBeanName() != null
                ? "@ScheduledJob on " + cause.getMethod() + " or property punctual.jobs." + cause.getJobId() + "." + JobAttributeSources.kebab(cause.getAttribute())
                : "the property";
        String action = "Change " + cause.getAttribute() + " of job '" + cause.getJobId() + "' (" + where
                + "). Allowed: " + cause.getAllowed() + ".";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
