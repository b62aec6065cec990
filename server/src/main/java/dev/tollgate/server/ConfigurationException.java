package dev.tollgate.server;

import java.util.List;

/**
 * The server's configuration is wrong: one or more problems, each one line naming the setting.
 * The message is the problems, one per line.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(String problem) {
        this(List.of(problem));
    }

    public ConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error names at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each one line starting with the setting's name, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
