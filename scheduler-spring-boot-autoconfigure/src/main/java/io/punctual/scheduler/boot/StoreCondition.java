package io.punctual.scheduler.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Locale;

/** Matches on {@code punctual.store}: the JPA variant matches {@code auto} (the default) and {@code jpa}. */
abstract class StoreCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String store = context.getEnvironment().getProperty("punctual.store", "auto").trim().toLowerCase(Locale.ROOT);
        return matches(store) ? ConditionOutcome.match("punctual.store=" + store)
                : ConditionOutcome.noMatch("punctual.store=" + store);
    }

    abstract boolean matches(String store);

    static final class Jpa extends StoreCondition {
        @Override
        boolean matches(String store) {
            return store.equals("auto") || store.equals("jpa");
        }
    }

    static final class RequiresJpa extends StoreCondition {
        @Override
        boolean matches(String store) {
            return store.equals("jpa");
        }
    }
}
