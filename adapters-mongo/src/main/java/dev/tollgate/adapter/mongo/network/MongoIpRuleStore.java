package dev.tollgate.adapter.mongo.network;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.Change;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * IP rules in {@code tg_ip_rules}, one document a rule:
 * <pre>
 * { _id: rule id (text), tenant: text, null for a global rule, cidr, action: ALLOW or DENY,
 *   reason, automatic: boolean, createdBy, createdAt: micros, expiresAt: micros or null }
 * </pre>
 * An index on {@code (createdAt, _id)} answers the live rules oldest first, one on
 * {@code expiresAt} finds the expired ones. Rules are not removed by a TTL index: an expired rule
 * stays (and is found) until {@link #deleteExpired}, which is one {@code deleteMany}; every other
 * write is a single-document operation. {@link #live} checks the expiry against the {@code now}
 * passed in.
 */
public final class MongoIpRuleStore implements IpRuleStore {

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String CIDR = "cidr";
    private static final String ACTION = "action";
    private static final String REASON = "reason";
    private static final String AUTOMATIC = "automatic";
    private static final String CREATED_BY = "createdBy";
    private static final String CREATED_AT = "createdAt";
    private static final String EXPIRES_AT = "expiresAt";

    private final MongoCollection<Document> rules;

    public MongoIpRuleStore(MongoDatabase database) {
        this.rules = Objects.requireNonNull(database, "database").getCollection(Collections.IP_RULES);
        MongoCalls.run("create the ip rule indexes", () -> {
            rules.createIndex(Indexes.ascending(CREATED_AT, ID), new IndexOptions().name("created"));
            rules.createIndex(Indexes.ascending(EXPIRES_AT), new IndexOptions().name("expires"));
        });
    }

    @Override
    public void create(IpRule rule) {
        Objects.requireNonNull(rule, "rule");
        Document document = new Document(ID, Fields.id(rule.id().value()))
                .append(TENANT, rule.tenant() == null ? null : rule.tenant().value())
                .append(CIDR, rule.cidr())
                .append(ACTION, rule.action().name())
                .append(REASON, rule.reason())
                .append(AUTOMATIC, rule.automatic())
                .append(CREATED_BY, rule.createdBy())
                .append(CREATED_AT, Fields.micros(rule.createdAt()))
                .append(EXPIRES_AT, rule.expiresAt() == null ? null : Fields.micros(rule.expiresAt()));
        MongoCalls.run("create an ip rule", () -> {
            try {
                rules.insertOne(document);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new IllegalStateException("an IP rule of id " + rule.id() + " exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<IpRule> find(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(MongoCalls.call("find an ip rule",
                () -> rules.find(Filters.eq(ID, Fields.id(id.value()))).first()))
                .map(MongoIpRuleStore::read);
    }

    @Override
    public List<IpRule> live(Instant now) {
        Objects.requireNonNull(now, "now");
        Bson live = Filters.or(Filters.eq(EXPIRES_AT, null), Filters.gt(EXPIRES_AT, Fields.micros(now)));
        return MongoCalls.call("list live ip rules", () -> List.copyOf(rules.find(live)
                .sort(Sorts.ascending(CREATED_AT, ID))
                .map(MongoIpRuleStore::read)
                .into(new ArrayList<>())));
    }

    @Override
    public Change delete(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        return Change.of(MongoCalls.call("delete an ip rule",
                () -> rules.deleteOne(Filters.eq(ID, Fields.id(id.value()))).getDeletedCount()) == 1);
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        Bson expired = Filters.and(Filters.ne(EXPIRES_AT, null), Filters.lte(EXPIRES_AT, Fields.micros(now)));
        return MongoCalls.call("delete expired ip rules", () -> Math.toIntExact(rules.deleteMany(expired).getDeletedCount()));
    }

    private static IpRule read(Document document) {
        String tenant = document.getString(TENANT);
        return new IpRule(new IpRuleId(Fields.uuid(document.getString(ID))), tenant == null ? null : TenantId.of(tenant),
                document.getString(CIDR), IpRule.Action.valueOf(document.getString(ACTION)), document.getString(REASON),
                Boolean.TRUE.equals(document.getBoolean(AUTOMATIC)), document.getString(CREATED_BY),
                Fields.instantOrNull(document.get(CREATED_AT)), Fields.instantOrNull(document.get(EXPIRES_AT)));
    }
}
