package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stores over one real database (two entity manager factories, as two nodes have) working at the same
 * moment: the checks the PostgreSQL and MariaDB tests share.
 */
final class TwoStoresAtOnce {

    private TwoStoresAtOnce() {
    }

    /**
     * Saves {@code jobs} jobs due every minute from {@code t0}, then, for {@code minutes} minutes, lets both
     * stores claim and complete in batches of 7 at once until nothing is due: every fire must be claimed
     * exactly once, and both stores must have claimed some.
     */
    static void claimEveryFireExactlyOnce(JobStore first, JobStore second, Instant t0, int jobs, int minutes) throws Exception {
        for (int i = 0; i < jobs; i++) {
            first.save(JobDefinition.of("job-" + i, Schedule.fixedRate(Duration.ofMinutes(1))), t0);
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> byNode = new ConcurrentHashMap<>();
        for (int minute = 0; minute < minutes; minute++) {
            Instant now = t0.plus(Duration.ofMinutes(minute)).plusMillis(1);
            atOnce(List.of(first, second), (node, name) -> () -> {
                while (true) {
                    List<Fire> fires = node.claimDue(now, 7, name).fires();
                    if (fires.isEmpty() && node.nextDueTime().map(t -> t.isAfter(now)).orElse(true)) {
                        return null;
                    }
                    for (Fire f : fires) {
                        claimed.add(f.jobId() + "@" + f.scheduledTime());
                        byNode.merge(name, 1, Integer::sum);
                        assertThat(node.complete(new Completion(f, Outcome.SUCCESS, now, now, name, null, null, null, null)))
                                .isTrue();
                    }
                }
            });
        }

        System.out.println("fires claimed by node: " + byNode);
        Set<String> distinct = new HashSet<>(claimed);
        assertThat(claimed).hasSize(jobs * minutes);
        assertThat(distinct).hasSize(jobs * minutes);
        assertThat(byNode).containsOnlyKeys("node-0", "node-1");
        assertThat(first.history("job-0", 10)).hasSize(minutes)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    /**
     * Both stores declare the same 100 new jobs (with tags) and heartbeat at once: every save must succeed,
     * and the jobs end up stored once each.
     */
    static void declareTheSameNewJobs(JobStore first, JobStore second, Instant t0) throws Exception {
        atOnce(List.of(first, second), (node, name) -> () -> {
            for (int i = 0; i < 100; i++) {
                node.save(JobDefinition.of("job-" + i, Schedule.fixedRate(Duration.ofMinutes(1))).withTags(Set.of("t" + (i % 3))), t0);
                node.heartbeat(name, t0);
            }
            return null;
        });

        assertThat(first.findAll()).hasSize(100).allSatisfy(r -> assertThat(r.next().due()).isEqualTo(t0));
        assertThat(first.findAll()).filteredOn(r -> r.definition().tags().contains("t0")).hasSize(34);
    }

    /** Runs one task per store, named {@code node-0}, {@code node-1}, ..., started together; fails on the first failure. */
    static void atOnce(List<JobStore> nodes, BiFunction<JobStore, String, Callable<Void>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CyclicBarrier start = new CyclicBarrier(nodes.size());
            List<Future<Void>> runs = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                Callable<Void> body = task.apply(nodes.get(n), "node-" + n);
                runs.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            for (Future<Void> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
