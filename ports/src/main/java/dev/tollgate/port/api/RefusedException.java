package dev.tollgate.port.api;

import dev.tollgate.port.TollgateException;
import java.util.Objects;

/** Thrown by {@link Outcome#orElseThrow()} for callers that prefer exceptions to values. */
public class RefusedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public RefusedException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").code() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
