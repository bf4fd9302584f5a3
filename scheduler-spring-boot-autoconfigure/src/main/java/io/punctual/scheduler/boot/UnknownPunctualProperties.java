package io.punctual.scheduler.boot;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stops start-up on a misspelt property inside one of Punctual's fixed groups ({@code punctual.defaults.*},
 * {@code punctual.cluster.*}, {@code punctual.executor.*}...), as {@code punctual.jobs.<id>.*} does for a job: a
 * {@code punctual.defaults.misfire-grce=10s} would otherwise be ignored without a word and every job would keep
 * the default grace. Other keys under {@code punctual.} (the dashboard's, the test clock's) are not judged here.
 */
final class UnknownPunctualProperties {

    /** Each fixed group and a fresh instance of the class its properties bind to. */
    private static final Map<String, Supplier<Object>> GROUPS = Map.of(
            "punctual.defaults", PunctualJobDefaults::new,
            "punctual.cluster", PunctualProperties.Cluster::new,
            "punctual.executor", PunctualProperties.Executor::new,
            "punctual.jdbc", PunctualProperties.Jdbc::new,
            "punctual.history", PunctualProperties.History::new,
            "punctual.shutdown", PunctualProperties.Shutdown::new,
            "punctual.health", PunctualProperties.Health::new);

    private UnknownPunctualProperties() {
    }

    /** @throws PunctualPropertyException naming the first unknown property, its value and the group's names */
    static void check(Binder binder) {
        GROUPS.keySet().stream().sorted().forEach(group -> check(binder, group, GROUPS.get(group).get()));
    }

    private static void check(Binder binder, String group, Object target) {
        try {
            binder.bind(group, Bindable.ofInstance(target), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        } catch (BindException e) {
            if (!(e.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
                return; // a bad value: the binding of PunctualProperties reports it
            }
            ConfigurationProperty first = unbound.getUnboundProperties().stream()
                    .min(Comparator.comparing(p -> p.getName().toString())).orElseThrow();
            String name = first.getName().toString();
            List<String> known = names(group, target.getClass());
            String suggestion = suggestion(name, known);
            String reason = "no such property in " + group + ".*"
                    + (first.getOrigin() != null ? " (set in " + first.getOrigin() + ")" : "");
            // not the BindException: that analyzer would report the group
            throw PunctualPropertyException.unknown(name, String.valueOf(first.getValue()), reason,
                    String.join(", ", known), suggestion);
        }
    }

    /** The group's property names in kebab case, in declaration order of their setters' names. */
    static List<String> names(String group, Class<?> type) {
        return Arrays.stream(BeanUtils.getPropertyDescriptors(type))
                .filter(d -> d.getWriteMethod() != null)
                .map(PropertyDescriptor::getName)
                .sorted()
                .map(n -> group + "." + JobAttributeSources.kebab(n))
                .toList();
    }

    /** A close known name, for a typo: at most two edits away from the unknown one; null when there is none. */
    private static String suggestion(String name, List<String> known) {
        return known.stream()
                .filter(k -> distance(k, name) <= 2)
                .min(Comparator.comparingInt(k -> distance(k, name)))
                .orElse(null);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
