package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.PayloadJob;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Method;

/**
 * A {@code @JobHandler} method: takes the payload, a {@link JobContext}, or both in either order.
 *
 * @param payloadType the payload's type, {@code Void} when the method takes none
 */
record HandlerMethod(String name, Object bean, String beanName, Method method, Class<?> payloadType, int contextIndex,
                     String where) {

    static HandlerMethod of(String name, Object bean, String beanName, Method method, String where) {
        Class<?>[] types = method.getParameterTypes();
        int contextIndex = -1;
        Class<?> payloadType = Void.class;
        int payloads = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == JobContext.class) {
                contextIndex = i;
            } else {
                payloadType = types[i];
                payloads++;
            }
        }
        if (types.length > 2 || payloads > 1 || (types.length == 2 && contextIndex < 0)) {
            throw new ScheduledJobDefinitionException(name, beanName, where, "method signature", method.toGenericString(),
                    "unsupported parameters for a @JobHandler",
                    "(payload), (JobContext), (JobContext, payload), (payload, JobContext) or no parameter", null, null);
        }
        ReflectionUtils.makeAccessible(method);
        return new HandlerMethod(name, bean, beanName, method, payloadType, contextIndex, where);
    }

    PayloadJob<Object> asPayloadJob() {
        return (context, payload) -> {
            Object[] args = new Object[method.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = i == contextIndex ? context : payload;
            }
            MethodJob.invoke(bean, method, args);
        };
    }
}
