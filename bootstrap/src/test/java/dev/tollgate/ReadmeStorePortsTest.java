package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.spi.Stores;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's list of store ports is every port a {@link Stores} holds, each with its contract. */
class ReadmeStorePortsTest {

    @Test
    void theReadme_namesEveryStorePort_withItsContract_whichExists() throws IOException, ClassNotFoundException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Writing your own store"), readme.indexOf("## Modules"));

        RecordComponent[] ports = Stores.class.getRecordComponents();
        assertThat(section).contains("the " + ports.length + " store ports")
                .contains("runs all " + ports.length + " contracts");
        for (RecordComponent port : ports) {
            String name = port.getType().getSimpleName();
            String contract = name + "Contract";
            assertThat(section).contains("| `" + name + "` |").contains("`" + contract + "` |");
            String packageName = port.getType().getPackageName().replace("dev.tollgate.port.spi.", "dev.tollgate.tck.");
            assertThat(Class.forName(packageName + "." + contract)).as(contract).isNotNull();
        }
    }
}
