package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.JobStore;

import java.lang.reflect.Proxy;

/**
 * A store that the engine takes for a shared one (not the node's own memory store), over a real store that
 * outlives the scheduler, as a database outlives a restart.
 */
final class SharedStoreView {

    private SharedStoreView() {
    }

    static JobStore of(JobStore real) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
