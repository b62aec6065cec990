package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theReadmeSample_registersVerifiesLogsInAndRefreshes() {
        QuickStart.Result result = QuickStart.run(dataDirectory);

        assertThat(result.principal().user()).isEqualTo(result.user());
        assertThat(result.principal().emailVerified()).isTrue();
        assertThat(result.refreshed().sessionId()).isEqualTo(result.principal().session());
        assertThat(result.refreshed().user().emailVerified()).isTrue();
        assertThat(dataDirectory.resolve("tollgate.db")).isRegularFile();
    }

    @Test
    void theReadme_showsExactlyTheSampleThatRuns() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/tollgate/QuickStart.java"));
        int start = indexOf(source, "// tag::quickstart[]") + 1;
        int end = indexOf(source, "// end::quickstart[]");
        String sample = dedent(source.subList(start, end)) + "\n}";

        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains(sample);
    }

    @Test
    void theReadme_showsTheSamplesImports_andTheArtifactsToDependOn() throws IOException {
        String imports = Files.readAllLines(Path.of("src/test/java/dev/tollgate/QuickStart.java")).stream()
                .filter(line -> line.startsWith("import ")).collect(Collectors.joining("\n"));
        String version = new String(Files.readAllBytes(Path.of("..", "pom.xml")))
                .replaceFirst("(?s).*?<artifactId>tollgate-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");

        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains(imports);
        assertThat(readme).contains("<groupId>dev.tollgate</groupId>\n  <artifactId>tollgate</artifactId>\n"
                + "  <version>" + version + "</version>");
        assertThat(readme).contains("<groupId>dev.tollgate</groupId>\n      <artifactId>tollgate-bom</artifactId>\n"
                + "      <version>" + version + "</version>\n      <type>pom</type>\n      <scope>import</scope>");
        assertThat(readme).contains("<groupId>dev.tollgate</groupId>\n  <artifactId>tollgate-testing</artifactId>\n"
                + "  <version>" + version + "</version>\n  <scope>test</scope>");
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
