package io.punctual.scheduler;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens to a fire found later than its misfire grace. */
public enum MisfirePolicy {
    /** Run it now. */
    FIRE_NOW("fire-now"),
    /** Record it as {@code misfired} and do not run it. */
    SKIP("skip");

    private final String word;

    MisfirePolicy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** @throws IllegalArgumentException for a word that is not {@code fire-now} or {@code skip} */
    public static MisfirePolicy fromWord(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (MisfirePolicy p : values()) {
            if (p.word.equals(w)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown misfire policy '" + word + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(MisfirePolicy::word).collect(Collectors.joining(", "));
    }
}
