package io.punctual.scheduler.boot.restart;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Restarts against a file-based H2 database. */
class FileH2RestartTest extends RestartTestBase {

    @TempDir
    static Path directory;

    @Override
    String[] database(String name) {
        return new String[] {"spring.datasource.url=jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username=sa", "spring.datasource.password="};
    }
}
