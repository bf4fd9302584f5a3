package io.punctual.scheduler.benchmarks.peers;

import java.util.List;

/** One scenario of the peer benchmark, written once for every contender. */
public interface Scenario {

    /** S1 … S7. */
    String id();

    /** Runs the scenario for the selected contenders and returns its tables. */
    List<Table> run(Bench bench) throws Exception;
}
