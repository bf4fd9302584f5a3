package io.punctual.scheduler.boot;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/** Makes the EntityManagerFactory, and everything else that uses the database, wait for Punctual's schema. */
class PunctualSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(PunctualSchemaInitializer.class);
    }
}
