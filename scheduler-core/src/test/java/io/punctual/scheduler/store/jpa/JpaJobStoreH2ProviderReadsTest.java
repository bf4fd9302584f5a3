package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.JobStore;

/**
 * The whole contract with claims and outcomes reading their job and execution rows through the provider's queries, as
 * on a database without a schema script (whose SQL {@link FireRows} does not write): the rows are still written with
 * JDBC, and the entities the provider read are detached, so it never writes them itself.
 */
class JpaJobStoreH2ProviderReadsTest extends JpaJobStoreH2Test {

    @Override
    protected JobStore createStore() {
        return ((JpaJobStore) super.createStore()).readingThroughTheProvider();
    }

    @Override
    protected boolean readsThroughTheProvider() {
        return true;
    }
}
