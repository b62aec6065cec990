package dev.tollgate.port.spi.metering;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import java.util.Optional;

/** Which plan each user is on; a user without an entry is on the default plan. */
public interface SubscriptionStore {

    Optional<Subscription> find(UserRef user);

    /** Stores the user's subscription, replacing any earlier one. */
    void save(Subscription subscription);

    /** Removes the user's subscription: {@code APPLIED} when there was one. */
    Change delete(UserRef user);
}
