package io.punctual.scheduler.boot;

import io.punctual.scheduler.schedule.Durations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@code punctual.*} property that does not even bind (a word for a number, an unknown store...): reported
 * like every other bad Punctual property, with what is allowed. Other properties are left to Spring Boot.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PunctualBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        String name = property != null ? property.getName().toString() : cause.getName().toString();
        if (!name.startsWith("punctual.")) {
            return null;
        }
        Class<?> type = cause.getTarget().getType().resolve(Object.class);
        String value = property == null ? null : String.valueOf(property.getValue());
        String reason = rootMessage(cause);
        if (property != null && property.getOrigin() != null) {
            reason = reason + " (set in " + property.getOrigin() + ")";
        }
        return PunctualPropertyFailureAnalyzer.analysis(name, value, reason, allowed(type), cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    static String allowed(Class<?> type) {
        if (type == Duration.class) {
            return Durations.ALLOWED;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return "a value of type " + type.getSimpleName();
    }
}
