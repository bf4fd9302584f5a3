package io.punctual.scheduler;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the scheduler logs while it is open: the tests' SLF4J binding (slf4j-simple) writes to {@code System.err} as it
 * is at each line, so this tees that stream into a buffer (the output still reaches the console) and puts it back on
 * close. The tests run one at a time in their JVM; lines from another test's threads would only add lines.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                captured.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                captured.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The lines logged at {@code level} ({@code ERROR}, {@code WARN}, ...), their first line each. */
    public List<String> lines(String level) {
        return Arrays.stream(text().split("\\R")).filter(l -> l.contains(" " + level + " ")).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
