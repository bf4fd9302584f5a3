package io.punctual.scheduler.engine;

import java.util.Locale;

/** Where the engine is in its life. */
enum EngineState {
    CREATED, RUNNING, STOPPING, STOPPED;

    /** The word the API and the endpoint show, e.g. {@code running}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
