package io.punctual.scheduler.boot.aot;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Ahead-of-time processing: every bean method with {@code @ScheduledJob} or {@code @JobHandler} is registered for
 * reflective invocation, and every {@code @JobHandler} payload type for JSON binding, so that discovery and
 * payloads work in a native image.
 */
class ScheduledJobMethodsAotProcessor implements BeanRegistrationAotProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        Class<?> type = ClassUtils.getUserClass(bean.getBeanClass());
        Set<Method> methods = MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Boolean>) m ->
                AnnotatedElementUtils.hasAnnotation(m, ScheduledJob.class) || AnnotatedElementUtils.hasAnnotation(m, JobHandler.class)
                        ? Boolean.TRUE : null).keySet();
        if (methods.isEmpty()) {
            return null;
        }
        return (context, code) -> register(context.getRuntimeHints(), methods);
    }

    void register(RuntimeHints hints, Set<Method> methods) {
        for (Method method : methods) {
            hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
            if (AnnotatedElementUtils.hasAnnotation(method, JobHandler.class)) {
                for (Class<?> parameter : method.getParameterTypes()) {
                    if (parameter != JobContext.class) {
                        bindings.registerReflectionHints(hints.reflection(), parameter);
                    }
                }
            }
        }
    }
}
