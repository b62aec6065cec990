package dev.tollgate.port.api.profile;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;

/** Viewing and updating what users tell about themselves. */
public interface Profiles {

    /** The user with their profile, or {@code USER_NOT_FOUND}. */
    Outcome<UserView> view(UserRef user);

    /** Applies the non-null fields of {@code update}; {@code VALIDATION_FAILED} names bad ones. */
    Outcome<UserView> update(UserRef user, ProfileUpdate update, RequestContext context);
}
