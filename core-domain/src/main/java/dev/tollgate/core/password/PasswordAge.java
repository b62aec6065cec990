package dev.tollgate.core.password;

import dev.tollgate.core.user.User;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.password.RememberedPassword;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The password history and expiry policy. With a history of N, a new password may not be any
 * of the user's last N, the current one included: each is checked against its own hash, so a
 * password hashed with old parameters is still recognised. With a maximum age, a password
 * expires that long after it was set (the user's creation for one set before the history was
 * kept). Each password set is remembered with its time while either rule is on.
 */
public final class PasswordAge {

    private final PasswordHistory history;
    private final HashingGate gate;
    private final PasswordAgeSettings settings;
    private final Clock clock;

    public PasswordAge(PasswordHistory history, HashingGate gate, PasswordAgeSettings settings, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The user when {@code password} is none of their last N; else {@code PASSWORD_REUSED} (or {@code SERVICE_BUSY}). */
    public Outcome<User> refuseReuse(User user, String password) {
        int n = settings.history();
        if (n == 0) {
            return Outcome.done(user);
        }
        List<String> hashes = new ArrayList<>(n);
        String current = user.record().passwordHash();
        hashes.add(current);
        for (RememberedPassword remembered : history.recent(user.ref(), n)) {
            if (hashes.size() < n && !remembered.hash().equals(current)) {
                hashes.add(remembered.hash());
            }
        }
        for (String hash : hashes) {
            Outcome<PasswordCheck> checked = gate.verify(password, hash);
            if (!checked.isDone()) {
                return Outcome.refused(checked.problem());
            }
            if (checked.orElseThrow().matches()) {
                return Outcome.refused(new Problem.PasswordReused());
            }
        }
        return Outcome.done(user);
    }

    /**
     * Remembers {@code hash} as the user's password from {@code at}, while history or expiry is
     * on. {@code before} is the user as the change found them: a password set before anything was
     * remembered (at registration, or before the history was turned on) is remembered first, as
     * set when the account was made, so the history holds it too.
     */
    public void remember(User before, String hash, Instant at) {
        if (settings.history() == 0 && settings.expiry().isEmpty()) {
            return;
        }
        int keep = Math.max(1, settings.history());
        UserRef user = before.ref();
        if (settings.history() > 1 && history.recent(user, 1).isEmpty()) {
            // set when the account was made, and in any case before the new one
            Instant made = before.record().createdAt();
            history.remember(user, new RememberedPassword(before.record().passwordHash(),
                    made.isBefore(at) ? made : at.minusMillis(1)), keep);
        }
        history.remember(user, new RememberedPassword(hash, at), keep);
    }

    /** Whether the user's password has expired now. */
    public boolean expired(User user) {
        if (settings.expiry().isEmpty()) {
            return false;
        }
        Instant setAt = history.recent(user.ref(), 1).stream().findFirst().map(RememberedPassword::setAt)
                .filter(at -> at.isAfter(user.record().createdAt()))
                .orElse(user.record().createdAt());
        return !setAt.plus(settings.maxAge()).isAfter(clock.instant());
    }
}
