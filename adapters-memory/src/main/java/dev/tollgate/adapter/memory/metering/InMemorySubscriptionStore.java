package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SubscriptionStore} in memory: one immutable subscription per user. */
public final class InMemorySubscriptionStore implements SubscriptionStore {

    private final Map<UserRef, Subscription> subscriptions = new ConcurrentHashMap<>();

    @Override
    public Optional<Subscription> find(UserRef user) {
        return Optional.ofNullable(subscriptions.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public void save(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        subscriptions.put(subscription.user(), subscription);
    }

    @Override
    public Change delete(UserRef user) {
        return Change.of(subscriptions.remove(Objects.requireNonNull(user, "user")) != null);
    }
}
