package io.punctual.scheduler.boot.aot;

import io.punctual.scheduler.boot.PunctualProperties;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

import java.util.List;

/**
 * What Punctual reads reflectively or as resources, for a native image: the schema scripts, the JPA store's
 * entities, the {@code punctual.*} properties (bound early, outside the usual configuration-properties bean) and
 * the {@code jobs} endpoint's JSON records.
 */
class PunctualRuntimeHints implements RuntimeHintsRegistrar {

    static final List<String> ENDPOINT_RECORDS = List.of("JobsDescriptor", "JobsDescriptor$SchedulerDescriptor",
            "JobSummary", "JobDetail", "ExecutionDescriptor", "EndpointError").stream()
            .map(n -> "io.punctual.scheduler.boot.actuate." + n).toList();

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern("io/punctual/scheduler/store/jpa/schema-*.sql");
        if (ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", classLoader)) {
            JpaJobStore.MANAGED_CLASSES.forEach(name -> hints.reflection().registerType(TypeReference.of(name), MemberCategory.values()));
        }
        BindableRuntimeHintsRegistrar.forTypes(PunctualProperties.class).registerHints(hints, classLoader);
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        for (String name : ENDPOINT_RECORDS) {
            try {
                bindings.registerReflectionHints(hints.reflection(), Class.forName(name, false, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                // Actuator is not on the class path: no endpoint to describe
            }
        }
    }
}
