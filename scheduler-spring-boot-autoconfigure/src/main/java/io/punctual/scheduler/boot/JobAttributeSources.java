package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobAttributes;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringValueResolver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges the three layers of a job's attributes, lowest first: {@code punctual.defaults.*}, the annotation
 * (placeholders resolved), {@code punctual.jobs.<id>.*}. A property that sets a schedule kind replaces the
 * annotation's kind instead of adding a second one. Remembers where each value came from, for errors.
 */
final class JobAttributeSources {

    private final Map<String, String> defaults;
    private final Map<String, Map<String, String>> overrides = new TreeMap<>();
    private final Function<String, String> origins;

    /**
     * @param defaults  the defaults as camel-case attributes
     * @param overrides the flattened {@code punctual.jobs} map: {@code <id>.<attribute>} to value
     */
    JobAttributeSources(Map<String, String> defaults, Map<String, String> overrides) {
        this(defaults, overrides, property -> null);
    }

    /**
     * @param origins where a property's value is set (a file and line, an environment variable...), as text, or
     *                null when not known; for errors that must tell two property sources apart
     */
    JobAttributeSources(Map<String, String> defaults, Map<String, String> overrides, Function<String, String> origins) {
        this.defaults = defaults;
        this.origins = origins;
        overrides.forEach((key, value) -> {
            String k = key.replace("[", "").replace("]", "");
            int dot = k.lastIndexOf('.');
            String id = dot < 0 ? k : k.substring(0, dot);
            String attribute = dot < 0 ? "" : k.substring(dot + 1);
            this.overrides.computeIfAbsent(id, x -> new LinkedHashMap<>()).put(attribute, value);
        });
    }

    /** Job ids named by {@code punctual.jobs.*} properties. */
    Set<String> overriddenIds() {
        return overrides.keySet();
    }

    /** The annotation's attributes with placeholders resolved, blank ones left out; {@code id} included. */
    static Map<String, String> annotationAttributes(ScheduledJob annotation, StringValueResolver resolver) {
        Map<String, String> map = new LinkedHashMap<>();
        AnnotationUtils.getAnnotationAttributes(annotation).forEach((name, raw) -> {
            String value = raw instanceof String[] array
                    ? String.join(",", Arrays.stream(array).map(v -> resolve(v, resolver)).toList())
                    : resolve((String) raw, resolver);
            if (value != null && !value.isBlank()) {
                map.put(name, value.trim());
            }
        });
        return map;
    }

    private static String resolve(String value, StringValueResolver resolver) {
        return resolver == null || value == null ? value : resolver.resolveStringValue(value);
    }

    /** The merged attributes of a job, and where each came from. */
    record Merged(Map<String, String> attributes, Map<String, String> sources) {
    }

    Merged merge(String jobId, Map<String, String> annotation) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        defaults.forEach((k, v) -> put(attributes, sources, k, v, "punctual.defaults." + kebab(k)));
        annotation.forEach((k, v) -> {
            if (!k.equals("id")) {
                put(attributes, sources, k, v, "@ScheduledJob(" + k + ")");
            }
        });
        Map<String, String> jobOverrides = overrides.getOrDefault(jobId, Map.of());
        boolean kindOverridden = jobOverrides.entrySet().stream().anyMatch(e ->
                JobAttributes.KINDS.contains(JobAttributes.camelCase(e.getKey())) && !e.getValue().isBlank());
        if (kindOverridden) {
            warnIfKindChanges(jobId, annotation, jobOverrides);
            JobAttributes.KINDS.forEach(kind -> {
                attributes.remove(kind);
                sources.remove(kind);
            });
        }
        jobOverrides.forEach((k, v) -> put(attributes, sources, JobAttributes.camelCase(k), v, "punctual.jobs." + jobId + "." + k));
        return new Merged(attributes, sources);
    }

    /**
     * Where each schedule kind of a job that has several came from, for the error that refuses them, e.g.
     * {@code cron '0 * * * * *' from @ScheduledJob(cron); fixedRate '5s' from punctual.jobs.x.fixed-rate (set in
     * class path resource [application.properties] - 3:1)}; null when the job has fewer than two.
     */
    String kindSources(Merged merged) {
        List<String> kinds = JobAttributes.KINDS.stream().filter(merged.attributes()::containsKey).toList();
        if (kinds.size() < 2) {
            return null;
        }
        return String.join("; ", kinds.stream().map(kind -> {
            String source = merged.sources().get(kind);
            String origin = source != null && source.startsWith("punctual.") ? origin(source) : null;
            return kind + " '" + merged.attributes().get(kind).trim() + "' from " + source
                    + (origin == null ? "" : " (set in " + origin + ")");
        }).toList());
    }

    private String origin(String property) {
        try {
            return origins.apply(property);
        } catch (RuntimeException e) {
            return null; // only for a better message: a name the lookup cannot take is named without its origin
        }
    }

    private static void warnIfKindChanges(String jobId, Map<String, String> annotation, Map<String, String> jobOverrides) {
        jobOverrides.forEach((key, value) -> {
            String kind = JobAttributes.camelCase(key);
            if (JobAttributes.KINDS.contains(kind) && !value.isBlank()) {
                annotation.forEach((declared, declaredValue) -> {
                    if (JobAttributes.KINDS.contains(declared) && !declared.equals(kind)) {
                        StartupWarnings.scheduleKindReplaced(jobId, declared, declaredValue,
                                "punctual.jobs." + jobId + "." + kebab(kind), value);
                    }
                });
            }
        });
    }

    private static void put(Map<String, String> attributes, Map<String, String> sources, String key, String value, String source) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
            sources.put(key, source);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
