package io.punctual.scheduler.benchmarks.peers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One scenario's results as a markdown table: a row per contender (and variant), then, per variant, a row per
 * peer with Punctual's value divided by the peer's (for lateness or commits, below 1× is better for Punctual;
 * for rates, above 1× is). Figures that come from a phase stopped by its budget ({@link #bound}) carry
 * {@value #BOUNDED}, as does a ratio with such a figure on either side, and a note under the table says how far
 * the phase got.
 */
public final class Table {

    /** The mark of a figure computed on a phase that its budget stopped. */
    public static final String BOUNDED = "†";

    /** One contender's measured values in one variant (e.g. "PostgreSQL, 200/s"). */
    public record Row(String variant, String contender, boolean punctual, double[] values) {
    }

    private final String title;
    private final List<String> columns;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> boundNotes = new ArrayList<>();
    private final Set<String> boundCells = new HashSet<>();

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    public Table add(String variant, String contender, boolean punctual, double... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(title + ": " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(new Row(variant, contender, punctual, values));
        return this;
    }

    public Table note(String note) {
        notes.add(note);
        return this;
    }

    /**
     * Marks {@code columns} of one contender's row in one variant as computed on a phase its budget stopped, with a
     * note saying how far it got (e.g. "stopped after 30 s: 3,612 of 20,000 started").
     */
    public Table bound(String variant, String contender, String note, String... columns) {
        for (String column : columns) {
            if (!this.columns.contains(column)) {
                throw new IllegalArgumentException(title + ": no column '" + column + "'");
            }
            boundCells.add(key(variant, contender, column));
        }
        boundNotes.add(BOUNDED + " " + contender + ", " + variant + ": " + note + ".");
        return this;
    }

    /** Whether the value of {@code column} for one contender in one variant comes from a stopped phase. */
    public boolean bounded(String variant, String contender, String column) {
        return boundCells.contains(key(variant, contender, column));
    }

    private static String key(String variant, String contender, String column) {
        return variant + '|' + contender + '|' + column;
    }

    private String mark(Row row, int column) {
        return bounded(row.variant, row.contender, columns.get(column)) ? " " + BOUNDED : "";
    }

    public List<Row> rows() {
        return rows;
    }

    public String title() {
        return title;
    }

    /** The value of {@code column} for one contender in one variant, NaN when absent. */
    public double value(String variant, String contender, String column) {
        int i = columns.indexOf(column);
        return rows.stream().filter(r -> r.variant.equals(variant) && r.contender.equals(contender))
                .mapToDouble(r -> r.values[i]).findFirst().orElse(Double.NaN);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n| variant | contender |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|---|").append("---:|".repeat(columns.size())).append('\n');
        for (Row row : rows) {
            out.append("| ").append(row.variant).append(" | ").append(row.punctual ? "**" + row.contender + "**" : row.contender).append(" |");
            for (int i = 0; i < columns.size(); i++) {
                out.append(' ').append(format(row.values[i])).append(mark(row, i)).append(" |");
            }
            out.append('\n');
        }
        for (Row p : rows) {
            if (!p.punctual) {
                continue;
            }
            for (Row peer : rows) {
                if (peer.punctual || !peer.variant.equals(p.variant)) {
                    continue;
                }
                out.append("| ").append(p.variant).append(" | ").append(p.contender).append(" ÷ ").append(peer.contender).append(" |");
                for (int i = 0; i < columns.size(); i++) {
                    String mark = mark(p, i).isEmpty() ? mark(peer, i) : mark(p, i);
                    out.append(' ').append(ratio(p.values[i], peer.values[i])).append(mark).append(" |");
                }
                out.append('\n');
            }
        }
        notes.forEach(n -> out.append('\n').append(n).append('\n'));
        boundNotes.forEach(n -> out.append('\n').append(n).append('\n'));
        return out.append('\n').toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    static String ratio(double punctual, double peer) {
        if (Double.isNaN(punctual) || Double.isNaN(peer)) {
            return "–";
        }
        if (peer == 0) {
            return punctual == 0 ? "=" : "∞";
        }
        return String.format(Locale.ROOT, "%.2f×", punctual / peer);
    }
}
