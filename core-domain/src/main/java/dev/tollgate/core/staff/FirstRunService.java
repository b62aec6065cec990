package dev.tollgate.core.staff;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import java.util.Optional;

/** Being built (issue 11). */
public final class FirstRunService implements FirstRun {

    @Override
    public boolean superAdminExists() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Optional<FirstRun.SetupToken> issueToken() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<StaffMember> complete(String token, NewStaff superAdmin, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }
}
