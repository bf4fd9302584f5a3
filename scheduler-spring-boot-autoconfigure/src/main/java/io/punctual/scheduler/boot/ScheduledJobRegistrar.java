package io.punctual.scheduler.boot;

import io.punctual.scheduler.InvalidJobDefinitionException;
import io.punctual.scheduler.JobAttributes;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringValueResolver;

import java.lang.reflect.Method;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds {@code @ScheduledJob} and {@code @JobHandler} methods on every bean, proxied ones included, and turns
 * them into {@link JobDefinition}s and handlers. Discovery never schedules: {@link PunctualLifecycle} hands
 * what was found to the scheduler once the context is refreshed. Every bad attribute fails start-up with a
 * {@link ScheduledJobDefinitionException}.
 */
public class ScheduledJobRegistrar implements BeanPostProcessor, EmbeddedValueResolverAware, SmartInitializingSingleton {

    static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9._$:@-]*");
    static final String ALLOWED_NAME = "letters, digits and the characters . _ - $ : @ (not first: . - : @); "
            + "no /, spaces, ?, #, % or ;";

    private final JobAttributeSources sources;
    private final ZoneId defaultZone;
    private final Map<String, DiscoveredJob> jobs = new LinkedHashMap<>();
    private final Map<String, HandlerMethod> handlers = new LinkedHashMap<>();
    private final Set<Class<?>> withoutAnnotations = ConcurrentHashMap.newKeySet();
    private StringValueResolver resolver;

    ScheduledJobRegistrar(JobAttributeSources sources, ZoneId defaultZone) {
        this.sources = sources;
        this.defaultZone = defaultZone;
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean) {
            return bean;
        }
        Class<?> target = AopProxyUtils.ultimateTargetClass(bean);
        if (withoutAnnotations.contains(target)) {
            return bean;
        }
        Map<Method, ScheduledJob> scheduled = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<ScheduledJob>) m -> AnnotatedElementUtils.findMergedAnnotation(m, ScheduledJob.class));
        Map<Method, JobHandler> handlerMethods = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<JobHandler>) m -> AnnotatedElementUtils.findMergedAnnotation(m, JobHandler.class));
        if (scheduled.isEmpty() && handlerMethods.isEmpty()) {
            withoutAnnotations.add(target);
            return bean;
        }
        scheduled.forEach((method, annotation) -> addJob(bean, beanName, method, annotation));
        handlerMethods.forEach((method, annotation) -> addHandler(bean, beanName, method, annotation));
        return bean;
    }

    private void addJob(Object bean, String beanName, Method method, ScheduledJob annotation) {
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        Map<String, String> declared = JobAttributeSources.annotationAttributes(annotation, resolver);
        String id = declared.getOrDefault("id", beanName + "." + method.getName());
        if (method.getParameterCount() > 1 || (method.getParameterCount() == 1 && method.getParameterTypes()[0] != JobContext.class)) {
            throw new ScheduledJobDefinitionException(id, beanName, where, "method signature", method.toGenericString(),
                    "unsupported parameters", "no parameter, or one io.punctual.scheduler.JobContext", null, null);
        }
        checkName(id, beanName, where, "id", "@ScheduledJob(id), or the bean name and method name it defaults to");
        DiscoveredJob existing = jobs.get(id);
        if (existing != null) {
            throw new ScheduledJobDefinitionException(id, beanName, where, "id", id,
                    "already used by bean '" + existing.beanName() + "', method " + existing.method(),
                    "an id unique in the application", "@ScheduledJob(id)", null);
        }
        JobAttributeSources.Merged merged = sources.merge(id, declared);
        JobDefinition definition;
        try {
            definition = JobAttributes.toDefinition(id, merged.attributes(), defaultZone);
        } catch (InvalidJobDefinitionException e) {
            String source = merged.sources().get(e.attribute());
            if (source == null && e.attribute().equals("schedule")) {
                source = sources.kindSources(merged); // several kinds: each with its value and where it came from
            }
            String allowed = e.allowed();
            if (source != null && source.startsWith("punctual.") && !JobAttributes.NAMES.contains(e.attribute())) {
                // an unknown property name: list the names a property may have, in kebab case
                allowed = String.join(", ", JobAttributes.NAMES.stream().map(JobAttributeSources::kebab).toList());
            }
            throw new ScheduledJobDefinitionException(id, beanName, where, e.attribute(), e.value(), Problems.reason(e),
                    allowed, source, e);
        }
        jobs.put(id, new DiscoveredJob(definition, new MethodJob(bean, invocable(bean, beanName, method, id, where)), beanName, where));
    }

    /** Ids travel in URLs ({@code /actuator/jobs/{id}}) and log lines: only characters that need no escaping. */
    private static void checkName(String name, String beanName, String where, String attribute, String source) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new ScheduledJobDefinitionException(name, beanName, where, attribute, name,
                    "contains characters an id cannot have (it must be reachable as /actuator/jobs/{id})",
                    ALLOWED_NAME, source, null);
        }
    }

    private static Method invocable(Object bean, String beanName, Method method, String id, String where) {
        try {
            return AopUtils.selectInvocableMethod(method, bean.getClass());
        } catch (IllegalStateException e) {
            throw new ScheduledJobDefinitionException(id, beanName, where, "method signature", method.toGenericString(),
                    e.getMessage(), "a method reachable through the bean's proxy: public on the proxied interface, "
                    + "or proxy the class (proxyTargetClass=true)", null, e);
        }
    }

    private void addHandler(Object bean, String beanName, Method method, JobHandler annotation) {
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        String name = resolver == null ? annotation.value() : resolver.resolveStringValue(annotation.value());
        checkName(name, beanName, where, "@JobHandler", "@JobHandler(value)");
        HandlerMethod existing = handlers.get(name);
        if (existing != null) {
            throw new ScheduledJobDefinitionException(name, beanName, where, "@JobHandler", name,
                    "already used by " + existing.where(), "a handler name unique in the application", null, null);
        }
        handlers.put(name, HandlerMethod.of(name, bean, beanName, invocable(bean, beanName, method, name, where), where));
    }

    /** Fails start-up when a {@code punctual.jobs.<id>} property names no job. */
    @Override
    public void afterSingletonsInstantiated() {
        for (String id : sources.overriddenIds()) {
            if (!jobs.containsKey(id)) {
                throw new ScheduledJobDefinitionException(id, null, null, "punctual.jobs." + id, id,
                        "no @ScheduledJob has this id", "the id of a @ScheduledJob in this application: " + jobs.keySet(),
                        "punctual.jobs." + id, null);
            }
        }
    }

    public Collection<DiscoveredJob> jobs() {
        return new ArrayList<>(jobs.values());
    }

    Collection<HandlerMethod> handlers() {
        return new ArrayList<>(handlers.values());
    }
}
