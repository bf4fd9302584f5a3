package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void ratioRowsDividePunctualByEachPeerOfTheSameVariant() {
        Table table = new Table("S9 test", "executions/s", "duplicates")
                .add("PostgreSQL", "punctual-jpa", true, 3000, 0)
                .add("PostgreSQL", "dbs-fetch", false, 1500, 0)
                .add("H2", "dbs-fetch", false, 100, 2);

        String md = table.markdown();

        assertThat(md).contains("| PostgreSQL | **punctual-jpa** | 3,000 | 0 |");
        assertThat(md).contains("| PostgreSQL | punctual-jpa ÷ dbs-fetch | 2.00× | = |");
        assertThat(md).doesNotContain("| H2 | punctual-jpa ÷");
        assertThat(table.value("H2", "dbs-fetch", "duplicates")).isEqualTo(2);
    }

    @Test
    void valuesAreFormattedToAFewSignificantDigitsAndMissingOnesAsADash() {
        assertThat(Table.format(12345.678)).isEqualTo("12,346");
        assertThat(Table.format(12.345)).isEqualTo("12.3");
        assertThat(Table.format(0.12345)).isEqualTo("0.123");
        assertThat(Table.format(Double.NaN)).isEqualTo("–");
        assertThat(Table.ratio(1, 0)).isEqualTo("∞");
    }
}
