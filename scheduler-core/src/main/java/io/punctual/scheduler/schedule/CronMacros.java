package io.punctual.scheduler.schedule;

import java.util.Locale;
import java.util.Map;

/** The {@code @}-macros of Vixie cron, as equivalent 6-field (Spring) expressions. */
final class CronMacros {

    static final String NAMES = "@yearly @annually @monthly @weekly @daily @midnight @hourly";

    private static final Map<String, String> EXPANSIONS = Map.of(
            "@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0",
            "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *");

    private CronMacros() {
    }

    /** The 6-field expression for {@code macro} (any case), or null when it is not one of {@link #NAMES}. */
    static String expand(String macro) {
        return EXPANSIONS.get(macro.toLowerCase(Locale.ROOT));
    }
}
