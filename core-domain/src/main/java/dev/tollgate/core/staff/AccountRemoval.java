package dev.tollgate.core.staff;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.Stores;
import java.util.Objects;

/**
 * Takes away an account the core has just made when the use case that made it fails after all
 * (an invitation whose mail did not go, a first run that lost its race): the account must not
 * stay half-made, with no role and a password nobody knows.
 */
final class AccountRemoval {

    private final Stores stores;

    AccountRemoval(Stores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    void remove(UserRef user) {
        stores.users().delete(user);
        stores.sessions().deleteAll(user);
        stores.apiKeys().deleteAll(user);
        stores.codes().deleteAll(user);
        stores.meters().deleteAll(user);
        stores.subscriptions().delete(user);
    }
}
