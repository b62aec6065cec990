package dev.tollgate.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option of each command that reads the configuration, and the reading:
 * the file's settings, which the environment overrides ({@link ServerConfiguration#read}).
 */
final class ConfigurationFile {

    @Option(names = "--config", paramLabel = "FILE",
            description = "a properties file of the settings (same names as the environment variables); "
                    + "the environment overrides it")
    Path file;

    /**
     * The file's entries; none without {@code --config}.
     *
     * @throws ConfigurationException when the file is missing or unreadable
     */
    Map<String, String> entries() {
        return file == null ? Map.of() : readProperties(file);
    }

    static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--config: no such file " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
