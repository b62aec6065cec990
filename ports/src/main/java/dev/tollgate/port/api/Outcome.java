package dev.tollgate.port.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * What every use case answers: {@link Done} with the value asked for, or {@link Refused} with
 * the {@link Problem} that stopped it. Callers branch the same way on every use case, with
 * {@link #isDone()}, {@link #problem()} and {@link #orElseThrow()}, or {@code instanceof}.
 *
 * <p>A plain refusal is a {@link Refusal}, which holds nothing but its problem. A use case whose
 * refusals know more answers its own record implementing {@link Refused}, and documents which:
 * verifying an API key answers a {@link dev.tollgate.port.api.metering.KeyVerification.Denied}
 * with what was known of the key when it stopped. Such a refusal is still a {@code Refused} to
 * everyone who only branches.
 *
 * @param <T> the value of a successful call
 */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Refused {

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> refused(Problem problem) {
        return new Refusal<>(problem);
    }

    /** The call did what was asked. */
    record Done<T>(T value) implements Outcome<T> {
        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The call was refused for an expected reason. Open to records that say more of the
     * refusal than its problem (see {@link Outcome}); {@link Refusal} is the plain one.
     */
    non-sealed interface Refused<T> extends Outcome<T> {

        /** Why the call was refused. */
        @Override
        Problem problem();
    }

    /** A refusal that carries nothing but its problem. */
    record Refusal<T>(Problem problem) implements Refused<T> {
        public Refusal {
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
        throw new RefusedException(problem());
    }

    /** The problem; throws {@link IllegalStateException} when the call succeeded. */
    default Problem problem() {
        throw new IllegalStateException("the call succeeded; there is no problem");
    }

    /** The value mapped when done; a refusal stays refused with its problem (what else it said is dropped). */
    default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Done<T> done) {
            return new Done<>(mapper.apply(done.value()));
        }
        return new Refusal<>(problem());
    }

    /** The next call's outcome, as it answers it, when done; a refusal stays refused with its problem. */
    default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> mapper) {
        if (this instanceof Done<T> done) {
            return mapper.apply(done.value());
        }
        return new Refusal<>(problem());
    }
}
