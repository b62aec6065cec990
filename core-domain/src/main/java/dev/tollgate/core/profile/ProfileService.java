package dev.tollgate.core.profile;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.Users;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.spi.audit.AuditType;
import java.time.Clock;
import java.util.Objects;

/** Viewing and updating profiles. */
public final class ProfileService implements Profiles {

    private final Users users;
    private final Clock clock;
    private final Auditor auditor;

    public ProfileService(Users users, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<UserView> view(UserRef user) {
        return users.load(user).map(User::view);
    }

    @Override
    public Outcome<UserView> update(UserRef ref, ProfileUpdate update, RequestContext context) {
        Objects.requireNonNull(update, "update");
        Outcome<UserView> updated = users.load(ref)
                .flatMap(user -> ProfileRules.apply(user.record().profile(), update))
                .flatMap(profile -> users.store().updateProfile(ref, profile, clock.instant())
                        ? users.load(ref).map(User::view)
                        : Outcome.refused(new Problem.UserNotFound()));
        auditor.event(AuditType.PROFILE_UPDATED, ref.tenant(), ref.id(), context).outcome(updated);
        return updated;
    }
}
