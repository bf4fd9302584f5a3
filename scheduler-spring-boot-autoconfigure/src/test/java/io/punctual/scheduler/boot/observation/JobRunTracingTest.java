package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs traced by OpenTelemetry through Micrometer Tracing, as Boot wires them, with the spans exported in memory. */
class JobRunTracingTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create())) // the README shows this output
            .build();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final JobRunInstrumentation instrumentation = new JobRunInstrumentation(registry, null);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(MutableClock.at(START)));
    private final JobScheduler scheduler = instrumentation.capturingOrigins(manual.scheduler());

    JobRunTracingTest() {
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(tracerProvider.get("punctual-test"), current, event -> { },
                new OtelBaggageManager(current, List.of(), List.of()));
        registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    }

    @AfterEach
    void close() {
        manual.close();
        tracerProvider.close();
    }

    @Test
    void aRunIsOneSpanWithTheJobsKeysAndWorkDoneInsideItIsItsChild() {
        scheduler.register(JobDefinition.of("report", Schedule.at(START)), instrumentation.observe(context ->
                Observation.createNotStarted("invoices.query", registry).observe(() -> { }), () -> false));

        manual.runDue();

        SpanData run = span("job report");
        SpanData query = span("invoices.query");
        assertThat(spans.getFinishedSpanItems()).hasSize(2);
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("job.id"), "report")
                .containsEntry(AttributeKey.stringKey("outcome"), "success")
                .containsEntry(AttributeKey.stringKey("execution.id"), scheduler.history("report", 1).get(0).executionId())
                .containsEntry(AttributeKey.stringKey("attempt"), "1");
        assertThat(run.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(query.getTraceId()).isEqualTo(run.getTraceId());
        assertThat(query.getParentSpanId()).isEqualTo(run.getSpanId());
    }

    @Test
    void aFailedRunIsASpanWithErrorStatusAndTheException() {
        scheduler.register(JobDefinition.of("flaky", Schedule.at(START)), instrumentation.observe(context -> {
            throw new IllegalStateException("the mail server said no");
        }, () -> false));

        manual.runDue();

        SpanData run = span("job flaky");
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(run.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("failure");
        assertThat(run.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    @Test
    void aDynamicJobScheduledWithinATracedRequestRunsInThatTrace() {
        scheduler.registerHandler("mail", String.class, instrumentation.observe("mail", (context, to) -> { }, () -> false));
        Observation request = Observation.start("http.server.requests", registry);
        String id;
        try (Observation.Scope scope = request.openScope()) {
            id = scheduler.schedule("mail", Schedule.at(START.plusSeconds(60)), "ada@example.com");
        } finally {
            request.stop();
        }

        manual.advance(Duration.ofMinutes(1));

        SpanData http = span("http.server.requests");
        SpanData scheduling = span("schedule mail");
        SpanData run = span("job mail");
        assertThat(List.of(scheduling.getTraceId(), run.getTraceId())).containsOnly(http.getTraceId());
        assertThat(scheduling.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(run.getParentSpanId()).isEqualTo(scheduling.getSpanId());
        assertThat(run.getAttributes().get(AttributeKey.stringKey("dynamic.job.id"))).isEqualTo(id);
        assertThat(run.getAttributes().get(AttributeKey.stringKey("job.id"))).isEqualTo("mail");
    }

    @Test
    void aDynamicJobScheduledOutsideAnyObservationRunsInATraceOfItsOwn() {
        scheduler.registerHandler("mail", String.class, instrumentation.observe("mail", (context, to) -> { }, () -> false));

        scheduler.schedule("mail", Schedule.at(START), "ada@example.com");
        manual.runDue();

        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("job mail");
        assertThat(span("job mail").getParentSpanContext().isValid()).isFalse();
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span '" + name + "' among " + spans.getFinishedSpanItems()));
    }
}
