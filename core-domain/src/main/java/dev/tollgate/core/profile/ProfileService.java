package dev.tollgate.core.profile;

import dev.tollgate.core.audit.ActedBy;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Profile;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/** Viewing and updating profiles. */
public final class ProfileService implements Profiles {

    /** Compare-and-set rounds before giving up on a profile that keeps changing. */
    private static final int MAX_ATTEMPTS = 5;

    private final UserStore users;
    private final Clock clock;
    private final Auditor auditor;

    public ProfileService(UserStore users, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<UserView> view(UserRef user) {
        return User.load(users, user).map(User::view);
    }

    @Override
    public Outcome<UserView> update(UserRef ref, ProfileUpdate update, RequestContext context) {
        Objects.requireNonNull(update, "update");
        Outcome<UserView> updated = applyWithRetries(ref, update);
        auditor.event(AuditType.PROFILE_UPDATED, ref.tenant(), ref.id(), context).outcome(updated);
        return updated;
    }

    /** Staff update a profile by the same rules, audited by {@code by}. */
    public Outcome<UserView> update(UserRef ref, ProfileUpdate update, RequestContext context, ActedBy by) {
        Objects.requireNonNull(update, "update");
        Outcome<UserView> updated = applyWithRetries(ref, update);
        by.on(auditor.event(AuditType.PROFILE_UPDATED, ref.tenant(), ref.id(), context), Map.of()).outcome(updated);
        return updated;
    }

    /** Reads, merges and writes compare-and-set, again when a concurrent change won the race. */
    private Outcome<UserView> applyWithRetries(UserRef ref, ProfileUpdate update) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Outcome<User> loaded = User.load(users, ref);
            if (!loaded.isDone()) {
                return Outcome.refused(loaded.problem());
            }
            User user = loaded.orElseThrow();
            Outcome<Profile> merged = ProfileRules.apply(user.record().profile(), update);
            if (!merged.isDone()) {
                return Outcome.refused(merged.problem());
            }
            Instant expected = user.record().updatedAt();
            // the new stamp must differ from the one expected, or a racing writer could still match it
            Instant now = clock.instant();
            Instant stamp = now.isAfter(expected) ? now : expected.plus(1, ChronoUnit.MICROS);
            if (users.updateProfile(ref, merged.orElseThrow(), expected, stamp).isApplied()) {
                return User.load(users, ref).map(User::view);
            }
        }
        throw new IllegalStateException("the profile of " + ref.id() + " kept changing during " + MAX_ATTEMPTS
                + " attempts to update it");
    }
}
