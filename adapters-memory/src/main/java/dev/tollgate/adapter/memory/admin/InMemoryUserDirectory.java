package dev.tollgate.adapter.memory.admin;

import dev.tollgate.adapter.memory.user.InMemoryUserStore;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link UserDirectory} over the in-memory user, subscription and staff stores. It filters
 * and sorts the tenant's users on every call: fine for tests and demos, not for many users.
 */
public final class InMemoryUserDirectory implements UserDirectory {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final InMemoryUserStore users;
    private final SubscriptionStore subscriptions;
    private final StaffStore staff;

    public InMemoryUserDirectory(InMemoryUserStore users, SubscriptionStore subscriptions, StaffStore staff) {
        this.users = Objects.requireNonNull(users, "users");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.staff = Objects.requireNonNull(staff, "staff");
    }

    @Override
    public List<DirectoryEntry> search(UserFilter filter, UserOrder order, UserPosition after, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        Comparator<UserPosition> inOrder = comparator(order);
        return users.usersOf(filter.tenant()).stream()
                .filter(user -> matches(filter, user))
                .filter(user -> after == null || inOrder.compare(positionOf(order.key(), user), after) > 0)
                .sorted(Comparator.comparing(user -> positionOf(order.key(), user), inOrder))
                .limit(limit)
                .map(user -> new DirectoryEntry(user, planOf(user.ref()), staff.find(user.ref()).map(StaffRecord::role).orElse(null)))
                .toList();
    }

    @Override
    public long count(UserFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return users.usersOf(filter.tenant()).stream().filter(user -> matches(filter, user)).count();
    }

    private String planOf(UserRef user) {
        return subscriptions.find(user).map(Subscription::plan).orElse(null);
    }

    private boolean matches(UserFilter filter, UserRecord user) {
        return (filter.textPrefix() == null || matchesText(filter.textPrefix(), user))
                && (filter.status() == null || filter.status() == user.status())
                && (filter.plan() == null || filter.plan().equals(
                        Objects.requireNonNullElse(planOf(user.ref()), filter.defaultPlan())))
                && (filter.accountType() == null || filter.accountType() == user.profile().accountType())
                && (filter.verified() == null || filter.verified() == user.emailVerified())
                && within(user.createdAt(), filter.createdFrom(), filter.createdTo())
                && (filter.lastLoginFrom() == null && filter.lastLoginTo() == null
                        || user.lastLoginAt() != null && within(user.lastLoginAt(), filter.lastLoginFrom(), filter.lastLoginTo()));
    }

    private static boolean matchesText(String prefix, UserRecord user) {
        String name = user.profile().name();
        return user.username().canonical().startsWith(prefix)
                || user.email().value().startsWith(prefix)
                || name != null && name.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private static UserPosition positionOf(UserOrder.Key key, UserRecord user) {
        return switch (key) {
            case CREATED -> new UserPosition(user.createdAt(), null, null, user.ref().id());
            case USERNAME -> new UserPosition(null, user.username().canonical(), null, user.ref().id());
            case LAST_LOGIN -> new UserPosition(null, null, user.lastLoginAt(), user.ref().id());
        };
    }

    private static Comparator<UserPosition> comparator(UserOrder order) {
        Comparator<UserPosition> byKey = switch (order.key()) {
            case CREATED -> Comparator.comparing(UserPosition::createdAt);
            case USERNAME -> Comparator.comparing(UserPosition::username);
            case LAST_LOGIN -> Comparator.comparing(UserPosition::lastLoginAt, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        Comparator<UserPosition> ascending = byKey.thenComparing(position -> position.id().value(), UNSIGNED);
        return order.descending() ? ascending.reversed() : ascending;
    }
}
