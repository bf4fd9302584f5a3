package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.JobStoreContractTest;

class InMemoryJobStoreTest extends JobStoreContractTest {

    @Override
    protected JobStore createStore() {
        return new InMemoryJobStore();
    }
}
