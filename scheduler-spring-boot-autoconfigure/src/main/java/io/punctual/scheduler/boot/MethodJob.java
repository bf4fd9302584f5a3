package io.punctual.scheduler.boot;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Runs a {@code @ScheduledJob} method on its bean (through the bean's proxy, so advice such as transactions applies). */
final class MethodJob implements Job {

    private final Object bean;
    private final Method method;
    private final boolean takesContext;

    MethodJob(Object bean, Method method) {
        this.bean = bean;
        this.method = method;
        this.takesContext = method.getParameterCount() == 1;
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public void run(JobContext context) throws Exception {
        invoke(bean, method, takesContext ? new Object[] {context} : new Object[0]);
    }

    /** Invokes and rethrows what the method threw, unwrapped. */
    static Object invoke(Object bean, Method method, Object[] args) throws Exception {
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
