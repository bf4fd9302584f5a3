package io.punctual.scheduler.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Locale;

/** Matches when {@code punctual.store} is {@code auto} (the default) or {@code jpa}. */
class JpaStoreCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String store = context.getEnvironment().getProperty("punctual.store", "auto").trim().toLowerCase(Locale.ROOT);
        return store.equals("auto") || store.equals("jpa") ? ConditionOutcome.match("punctual.store=" + store)
                : ConditionOutcome.noMatch("punctual.store=" + store);
    }
}
