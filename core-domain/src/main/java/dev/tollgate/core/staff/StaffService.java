package dev.tollgate.core.staff;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.staff.StaffMember;

/** Being built (issue 11). */
public final class StaffService implements Staff {

    @Override
    public Outcome<Actor> actorOf(Principal principal) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<Page<StaffMember>> list(Actor actor, TenantId tenant, PageRequest page) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> find(Actor actor, UserRef user) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> grant(Actor actor, UserRef user, String role, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> create(Actor actor, NewStaff staff, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> invite(Actor actor, TenantId tenant, String email, String role, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> changeRole(Actor actor, UserRef user, String role, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> revoke(Actor actor, UserRef user, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }
}
