package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Each user's subscription from memory; every change invalidates the user. Unlike the other
 * lookups, "no subscription" is held too: it is an answer (the default plan), most users have
 * it, and it is asked of a user whose key was just found, not of names from outside.
 */
final class CachingSubscriptionStore implements SubscriptionStore {

    private final SubscriptionStore store;
    private final Invalidations invalidations;
    private final HeldLookup<UserRef, Optional<Subscription>> byUser;

    CachingSubscriptionStore(SubscriptionStore store, Invalidations invalidations, HeldLookup.Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = invalidations;
        this.byUser = settings.lookup(invalidations, (user, subscription) -> user);
    }

    @Override
    public Optional<Subscription> find(UserRef user) {
        return byUser.find(user, () -> Optional.of(store.find(user))).orElseThrow();
    }

    @Override
    public void save(Subscription subscription) {
        try {
            store.save(subscription);
        } finally {
            invalidations.changed(Invalidation.of(subscription.user()));
        }
    }

    @Override
    public Change delete(UserRef user) {
        try {
            return store.delete(user);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }
}
