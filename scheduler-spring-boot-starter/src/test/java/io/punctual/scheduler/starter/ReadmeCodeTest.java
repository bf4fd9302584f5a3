package io.punctual.scheduler.starter;

import com.example.reports.PlainJavaReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README is code of this module's tests, line for line (indentation aside), so it
 * compiles and runs with only the starter and spring-boot-starter-test, as a new application would.
 */
class ReadmeCodeTest {

    static final Path README = Path.of("..", "README.md");
    static final Path SOURCES = Path.of("src", "test", "java");
    /** Snippets of optional parts are compiled and run by their modules' tests: a custom observation convention, securing the dashboard. */
    static final List<Path> OTHER_SOURCES = List.of(Path.of("..", "scheduler-spring-boot-autoconfigure", "src", "test", "java"),
            Path.of("..", "scheduler-dashboard", "src", "test", "java"));

    @Test
    void everyJavaSnippetOfTheReadmeIsCompiledTestCode() throws IOException {
        List<String> snippets = blocks(Files.readString(README), "java");
        assertThat(snippets).as("Java snippets in the README").hasSizeGreaterThanOrEqualTo(5);
        List<List<String>> sources = new ArrayList<>();
        for (Path root : java.util.stream.Stream.concat(Stream.of(SOURCES), OTHER_SOURCES.stream()).toList()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.add(trimmed(Files.readString(file)));
                }
            }
        }
        for (String snippet : snippets) {
            List<String> lines = trimmed(snippet);
            assertThat(sources.stream().anyMatch(source -> contains(source, lines)))
                    .as("README snippet found verbatim in %s:%n%s", SOURCES, snippet).isTrue();
        }
    }

    @Test
    void everySnippetThatDeclaresAClassShowsItsImports() throws IOException {
        for (String snippet : blocks(Files.readString(README), "java")) {
            if (snippet.contains("\nclass ") || snippet.contains("\npublic class ")) {
                assertThat(snippet).as(snippet).startsWith("package ").contains("\nimport ");
            }
        }
    }

    @Test
    void theReadmeSaysWhichDependencyTheTestsNeed() throws IOException {
        assertThat(Files.readString(README)).contains("<artifactId>spring-boot-starter-test</artifactId>");
    }

    @Test
    void thePlainJavaExampleRunsAndStops() throws InterruptedException {
        PlainJavaReport.main(new String[] {"10"});
    }

    static List<String> blocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```" + language + "\\n(.*?)^```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static List<String> trimmed(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static boolean contains(List<String> source, List<String> lines) {
        for (int i = 0; i + lines.size() <= source.size(); i++) {
            if (source.subList(i, i + lines.size()).equals(lines)) {
                return true;
            }
        }
        return false;
    }
}
