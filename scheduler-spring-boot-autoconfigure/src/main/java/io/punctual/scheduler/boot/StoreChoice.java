package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/** Which store Punctual uses and why, said once at start-up so that nobody discovers it after a restart. */
final class StoreChoice {

    private static final String KEEP = " to keep jobs, pauses and history across restarts";

    private StoreChoice() {
    }

    static String describe(JobStore store, PunctualProperties properties, ListableBeanFactory beans) {
        String setting = "punctual.store=" + properties.getStore().name().toLowerCase(java.util.Locale.ROOT);
        if (store instanceof JpaJobStore) {
            return "Punctual store: jpa, in the application's database (" + setting + ", a DataSource and JPA are present)";
        }
        if (!(store instanceof InMemoryJobStore)) {
            return "Punctual store: " + store.name() + ", the application's own JobStore bean";
        }
        String why;
        if (properties.getStore() == PunctualProperties.StoreType.MEMORY) {
            why = setting + "; jobs, pauses and history are lost on restart";
        } else if (!ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", StoreChoice.class.getClassLoader())) {
            why = "no JPA on the class path; add spring-boot-starter-data-jpa and a JDBC driver" + KEEP;
        } else if (beans.getBeanNamesForType(javax.sql.DataSource.class, false, false).length == 0) {
            why = "no DataSource; add a JDBC driver (and spring.datasource.url)" + KEEP;
        } else {
            why = "a DataSource but no EntityManagerFactory; add spring-boot-starter-data-jpa" + KEEP;
        }
        return "Punctual store: memory (" + why + ")";
    }
}
