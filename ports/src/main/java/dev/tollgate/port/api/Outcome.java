package dev.tollgate.port.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * What every use case answers: {@link Done} with the value asked for, or {@link Refused} with
 * the {@link Problem} that stopped it. Callers branch the same way on every use case, with
 * {@link #isDone()}, {@link #problem()} and {@link #orElseThrow()}, or {@code instanceof}.
 *
 * <p>A use case whose refusals know more than their problem answers a subclass of
 * {@link Refused} that carries it, and documents which: verifying an API key answers a
 * {@link dev.tollgate.port.api.metering.KeyVerification.Denied} with what was known of the key
 * when it stopped. Such a refusal is still a {@code Refused} to everyone who only branches.
 *
 * @param <T> the value of a successful call
 */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Refused {

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> refused(Problem problem) {
        return new Refused<>(problem);
    }

    /** The call did what was asked. */
    record Done<T>(T value) implements Outcome<T> {
        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The call was refused for an expected reason. Open to subclasses that say more of the
     * refusal (see {@link Outcome}); two refusals are equal when they are of the same class
     * and their problems are equal.
     */
    non-sealed class Refused<T> implements Outcome<T> {

        private final Problem problem;

        public Refused(Problem problem) {
            this.problem = Objects.requireNonNull(problem, "problem");
        }

        /** Why the call was refused. */
        @Override
        public Problem problem() {
            return problem;
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass() && problem.equals(((Refused<?>) other).problem);
        }

        @Override
        public int hashCode() {
            return problem.hashCode();
        }

        @Override
        public String toString() {
            return "Refused[problem=" + problem + "]";
        }
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    /** The value; throws {@link RefusedException} carrying the problem when refused. */
    default T orElseThrow() {
        if (this instanceof Done<T> done) {
            return done.value();
        }
        throw new RefusedException(problem());
    }

    /** The problem; throws {@link IllegalStateException} when the call succeeded. */
    default Problem problem() {
        throw new IllegalStateException("the call succeeded; there is no problem");
    }

    /** The value mapped when done; a refusal stays refused with its problem (a subclass's extra knowledge is dropped). */
    default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Done<T> done) {
            return new Done<>(mapper.apply(done.value()));
        }
        return new Refused<>(problem());
    }

    /** The next call's outcome, as it answers it, when done; a refusal stays refused with its problem. */
    default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> mapper) {
        if (this instanceof Done<T> done) {
            return mapper.apply(done.value());
        }
        return new Refused<>(problem());
    }
}
