package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One store per SQLite file: a second opener, in this process or another, is refused until the first closes. */
class SqliteLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondStoreOnTheSameDirectory_inThisProcess_isRefused_namingTheDirectory() {
        try (SqlDatabase first = SqliteStores.inDirectory(directory)) {
            assertThatThrownBy(() -> SqliteStores.inDirectory(directory))
                    .isInstanceOf(DatabaseInUseException.class)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(directory.toAbsolutePath().toString())
                    .hasMessageContaining("in use by this process")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> SqliteStores.open("jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME)
                    + "?busy_timeout=1", SqliteStores.DEFAULT_POOL))
                    .as("the same file by its JDBC URL")
                    .isInstanceOf(DatabaseInUseException.class);
            assertThat(first.reachable()).as("the first store still serves").isTrue();
        }
        assertThat(directory.resolve("tollgate.db.lock")).exists();
    }

    @Test
    void closingTheStore_releasesTheLock() {
        SqliteStores.inDirectory(directory).close();

        try (SqlDatabase again = SqliteStores.inDirectory(directory)) {
            assertThat(again.reachable()).isTrue();
        }
    }

    @Test
    void aStoreInAnotherProcess_isRefusedWhileThisOneHoldsTheFile_andOpensOnceItIsClosed() throws Exception {
        try (SqlDatabase held = SqliteStores.inDirectory(directory)) {
            Child child = runChild();
            assertThat(child.status).as(child.output).isEqualTo(3);
            assertThat(child.output).contains("refused: SQLite store: the database in "
                    + directory.toAbsolutePath() + " is in use by another process");
        }

        Child child = runChild();
        assertThat(child.status).as(child.output).isZero();
        assertThat(child.output).contains("opened");
    }

    @Test
    void theFileOfAJdbcUrl_isFound() {
        assertThat(SqliteStores.fileOf("jdbc:sqlite:/data/x.db?journal_mode=WAL")).isEqualTo(Path.of("/data/x.db"));
        assertThat(SqliteStores.fileOf("jdbc:sqlite:file:/data/x.db")).isEqualTo(Path.of("/data/x.db"));
        assertThat(SqliteStores.fileOf("jdbc:sqlite:relative.db")).isEqualTo(Path.of("relative.db"));
    }

    private record Child(int status, String output) {
    }

    private Child runChild() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SqliteLockChild.class.getName(), directory.toString()))
                .redirectErrorStream(true).start();
        // generous: a loaded machine starts a JVM slowly; the wait ends when the child does
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end");
        }
        return new Child(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
