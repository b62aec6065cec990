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
import picocli.CommandLine.ScopeType;

/**
 * The {@code --config FILE} option, and the reading of the file: its settings, which the
 * environment overrides ({@link ServerConfiguration#read}). The top command has it, and every
 * command inherits it, so it may stand before or after a command's name
 * ({@code --config f serve}, {@code config check --config f}); a command reads it with
 * {@link TollgateServer#configurationFile}.
 */
final class ConfigurationFile {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
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
