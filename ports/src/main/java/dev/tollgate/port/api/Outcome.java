package dev.tollgate.port.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a use case answers: {@link Done} with the value asked for, or {@link Refused} with the
 * {@link Problem} that stopped it.
 *
 * @param <T> the value of a successful call
 */
public sealed interface Outcome<T> {

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

    /** The call was refused for an expected reason. */
    record Refused<T>(Problem problem) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(problem, "problem");
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
        throw new RefusedException(((Refused<T>) this).problem());
    }

    /** The problem; throws {@link IllegalStateException} when the call succeeded. */
    default Problem problem() {
        if (this instanceof Refused<T> refused) {
            return refused.problem();
        }
        throw new IllegalStateException("the call succeeded; there is no problem");
    }

    default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Done<T> done) {
            return new Done<>(mapper.apply(done.value()));
        }
        return new Refused<>(((Refused<T>) this).problem());
    }

    default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> mapper) {
        if (this instanceof Done<T> done) {
            return mapper.apply(done.value());
        }
        return new Refused<>(((Refused<T>) this).problem());
    }
}
