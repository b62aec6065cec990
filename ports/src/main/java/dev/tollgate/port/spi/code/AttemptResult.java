package dev.tollgate.port.spi.code;

import java.util.Objects;

/**
 * What {@link OneTimeCodeStore#attempt} did.
 *
 * @param attemptsLeft tries left after this one ({@code MISMATCHED}), else 0
 * @param code         the consumed code ({@code MATCHED}), else null
 */
public record AttemptResult(Kind kind, int attemptsLeft, OneTimeCode code) {

    public enum Kind {
        /** The digest matched: the code is consumed (deleted). */
        MATCHED,
        /** The digest did not match; the try was counted. */
        MISMATCHED,
        /** The code expired; nothing was counted. */
        EXPIRED,
        /** Every allowed try was used; nothing was counted and the code is dead. */
        EXHAUSTED,
        /** No code for this user and purpose. */
        NOT_FOUND
    }

    public AttemptResult {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MATCHED) != (code != null)) {
            throw new IllegalArgumentException("exactly a MATCHED result carries the code");
        }
        if (attemptsLeft < 0 || kind != Kind.MISMATCHED && attemptsLeft != 0) {
            throw new IllegalArgumentException(kind + " cannot carry " + attemptsLeft + " attempts left");
        }
    }

    public static AttemptResult matched(OneTimeCode code) {
        return new AttemptResult(Kind.MATCHED, 0, code);
    }

    public static AttemptResult mismatched(int attemptsLeft) {
        return new AttemptResult(Kind.MISMATCHED, attemptsLeft, null);
    }

    public static AttemptResult expired() {
        return of(Kind.EXPIRED);
    }

    public static AttemptResult exhausted() {
        return of(Kind.EXHAUSTED);
    }

    public static AttemptResult notFound() {
        return of(Kind.NOT_FOUND);
    }

    /** A result of a kind that carries nothing: {@code EXPIRED}, {@code EXHAUSTED} or {@code NOT_FOUND}. */
    public static AttemptResult of(Kind kind) {
        if (kind == Kind.MISMATCHED) {
            throw new IllegalArgumentException("a MISMATCHED result carries the attempts left");
        }
        return new AttemptResult(kind, 0, null);
    }
}
