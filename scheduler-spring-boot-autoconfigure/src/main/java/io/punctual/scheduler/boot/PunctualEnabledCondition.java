package io.punctual.scheduler.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code punctual.enabled=false}. Any value but true or false stops start-up instead of turning
 * Punctual off without a word (which is what a plain property condition would do with, say, {@code yes}).
 */
class PunctualEnabledCondition extends SpringBootCondition {

    static final String PROPERTY = "punctual.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty(PROPERTY);
        if (value == null || value.trim().equalsIgnoreCase("true")) {
            return ConditionOutcome.match(PROPERTY + " is " + (value == null ? "not set" : "true"));
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return ConditionOutcome.noMatch(PROPERTY + " is false");
        }
        throw new PunctualPropertyException(PROPERTY, value, "not a boolean", "true or false", null);
    }
}
