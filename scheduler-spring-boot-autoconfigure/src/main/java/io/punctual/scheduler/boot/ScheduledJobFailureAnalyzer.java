package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobAttributes;
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
        String where = cause.getBeanName() != null ? where(cause) : "the property";
        String action = "Change " + cause.getAttribute() + " of job '" + cause.getJobId() + "' (" + where
                + "). Allowed: " + cause.getAllowed() + ".";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    /**
     * Where the attribute can be changed: an attribute that a {@code punctual.jobs.<id>.*} property can set names that
     * property; the schedule kinds name their four properties; the id, the method's signature and a handler's name
     * can only be changed in code, so no property is suggested for them.
     */
    private static String where(ScheduledJobDefinitionException cause) {
        String attribute = cause.getAttribute();
        String property = "punctual.jobs." + cause.getJobId() + ".";
        if (attribute.equals("schedule")) {
            return "@ScheduledJob on " + cause.getMethod() + ", or the properties " + String.join(", ",
                    JobAttributes.KINDS.stream().map(k -> property + JobAttributeSources.kebab(k)).toList())
                    + " (a property of one kind replaces the annotation's; a blank one clears a kind set by another "
                    + "property source)";
        }
        if (JobAttributes.NAMES.contains(attribute)) {
            return "@ScheduledJob on " + cause.getMethod() + " or property " + property + JobAttributeSources.kebab(attribute);
        }
        return "in code: " + cause.getMethod();
    }
}
