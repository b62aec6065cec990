package dev.tollgate.adapter.mongo.metering;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * The subscriptions in {@code tg_subscriptions}, one document a user: {@code _id}
 * ({@code "<tenant>:<user id>"}, the {@code _id} of the user's document in {@code tg_users}, so
 * the directory and the statistics join on it), {@code tenant}, {@code user}, {@code plan},
 * {@code allowances} (an array of {@code {meter, amount}}: a meter's name may hold any character,
 * so it is never a field name), {@code rateLimit}, {@code entitlements} (array), {@code level}
 * (the two left out when null) and {@code updatedAt} (microseconds). An index on
 * {@code (tenant, plan)} serves the counts by plan.
 *
 * <p>{@code save} is one {@code replaceOne} upsert on {@code _id} (repeated once when two first
 * saves of one user meet on the {@code _id}: the second then replaces); {@code delete} is one
 * {@code deleteOne}.
 */
public final class MongoSubscriptionStore implements SubscriptionStore {

    private static final String ID = "_id";
    private static final String ALLOWANCES = "allowances";
    private static final String METER = "meter";
    private static final String AMOUNT = "amount";
    private static final String RATE_LIMIT = "rateLimit";
    private static final String ENTITLEMENTS = "entitlements";
    private static final String LEVEL = "level";
    private static final String UPDATED_AT = "updatedAt";

    private final MongoCollection<Document> subscriptions;

    public MongoSubscriptionStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.subscriptions = database.getCollection(Collections.SUBSCRIPTIONS);
        MongoCalls.run("create the subscription indexes", () -> subscriptions.createIndex(
                Indexes.ascending(Collections.TENANT, Collections.SUBSCRIPTION_PLAN)));
    }

    private static String key(UserRef user) {
        return user.tenant().value() + ":" + Fields.id(user.id().value());
    }

    @Override
    public Optional<Subscription> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(MongoCalls.call("find a subscription",
                () -> subscriptions.find(Filters.eq(ID, key(user))).first())).map(MongoSubscriptionStore::read);
    }

    @Override
    public void save(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        Document document = write(subscription);
        MongoCalls.run("save a subscription", () -> {
            try {
                subscriptions.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                // a concurrent first save inserted it: replace theirs
                subscriptions.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            }
        });
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Change.of(MongoCalls.call("delete a subscription",
                () -> subscriptions.deleteOne(Filters.eq(ID, key(user))).getDeletedCount()) == 1);
    }

    private static Document write(Subscription subscription) {
        List<Document> allowances = new ArrayList<>();
        subscription.allowanceOverrides().forEach((meter, amount) -> allowances.add(new Document(METER, meter).append(AMOUNT, amount)));
        Document document = new Document(ID, key(subscription.user()))
                .append(Collections.TENANT, subscription.user().tenant().value())
                .append(Collections.USER, Fields.id(subscription.user().id().value()))
                .append(Collections.SUBSCRIPTION_PLAN, subscription.plan())
                .append(ALLOWANCES, allowances)
                .append(ENTITLEMENTS, new ArrayList<>(subscription.extraEntitlements()))
                .append(UPDATED_AT, Fields.micros(subscription.updatedAt()));
        if (subscription.rateLimitOverride() != null) {
            document.append(RATE_LIMIT, subscription.rateLimitOverride());
        }
        if (subscription.levelOverride() != null) {
            document.append(LEVEL, subscription.levelOverride().name());
        }
        return document;
    }

    private static Subscription read(Document document) {
        Map<String, Long> allowances = new HashMap<>();
        for (Document allowance : document.getList(ALLOWANCES, Document.class, List.of())) {
            allowances.put(allowance.getString(METER), ((Number) allowance.get(AMOUNT)).longValue());
        }
        Number rateLimit = (Number) document.get(RATE_LIMIT);
        String level = document.getString(LEVEL);
        UserRef user = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        return new Subscription(user, document.getString(Collections.SUBSCRIPTION_PLAN), allowances,
                rateLimit == null ? null : rateLimit.intValue(),
                new HashSet<>(document.getList(ENTITLEMENTS, String.class, List.of())),
                Fields.instant(((Number) document.get(UPDATED_AT)).longValue()),
                level == null ? null : ServiceLevel.valueOf(level));
    }
}
