package dev.tollgate.core.admin;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.account.Deleted;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.admin.UserChange;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.staff.Actor;

/** Being built (issue 11). */
public final class UserAdministrationService implements UserAdministration {

    @Override
    public Outcome<Page<UserSummary>> search(Actor actor, UserQuery query, PageRequest page) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserDetails> details(Actor actor, UserRef user) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserDetails> update(Actor actor, UserRef user, UserChange change, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserView> suspend(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserView> activate(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserView> deactivate(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserView> unlock(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<UserView> resetPassword(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<Integer> logoutEverywhere(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<MeterState> adjustCredits(Actor actor, UserRef user, String meter, long amount, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<Deleted> delete(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }
}
