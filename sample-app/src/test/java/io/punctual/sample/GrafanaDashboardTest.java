package io.punctual.sample;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard reads the meters' job tag as Prometheus exposes it, {@code job_id}, never the target's {@code job}. */
class GrafanaDashboardTest {

    private static final Pattern BARE_JOB_LABEL = Pattern.compile("(?<![\\w$])job(?!\\w)");

    @Test
    void everyQueryAndLegendUsesTheJobIdLabelAndNotPrometheusJobLabel() throws IOException {
        String json = Files.readString(Path.of("grafana/punctual-dashboard.json"));
        List<String> queries = new ArrayList<>(JsonPath.<List<String>>read(json, "$..targets[*].expr"));
        queries.addAll(JsonPath.<List<String>>read(json, "$..targets[*].legendFormat"));
        queries.addAll(JsonPath.<List<String>>read(json, "$.templating.list[?(@.type == 'query')].definition"));

        assertThat(queries).hasSizeGreaterThan(10)
                .allSatisfy(query -> assertThat(BARE_JOB_LABEL.matcher(query).find()).as(query).isFalse());
        assertThat(queries).anyMatch(query -> query.contains("job_id=~\"$job\""))
                .contains("label_values(punctual_job_execution_seconds_count, job_id)");
    }
}
