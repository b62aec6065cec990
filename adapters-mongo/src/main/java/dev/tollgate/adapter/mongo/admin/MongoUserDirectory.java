package dev.tollgate.adapter.mongo.admin;

import static dev.tollgate.adapter.mongo.internal.UserDocuments.ACCOUNT_TYPE;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.CREATED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.EMAIL;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.EMAIL_VERIFIED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.ID;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.LAST_LOGIN_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.NAME_KEY;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.STATUS;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.USERNAME_KEY;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.adapter.mongo.internal.UserDocuments;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The user lists of {@code tg_users} (the layout {@code MongoUserStore} writes), with each
 * user's plan from {@code tg_subscriptions} and role from {@code tg_staff} (fields
 * {@code tenant}, {@code user}, {@code role}).
 *
 * <p>A page is one range of an index the user store creates, on {@code (tenant, createdAt, user)},
 * {@code (tenant, lastLoginAt, user)} or the unique {@code (tenant, usernameKey)}, started after
 * the previous page's last row ({@code key >= k AND (key > k OR key = k AND user > id)}, or
 * {@code <=} and {@code <} when descending: keyset pagination; the plain bound is the index scan's
 * start), so it costs the same at any depth. Usernames are unique in a
 * tenant, so that order needs no id to be total and its unique index serves it. Users who never
 * logged in hold no {@code lastLoginAt}: a list by last login reads them as their own range (by
 * id) before (ascending) or after (descending) those who did, in up to two queries. The other
 * filters are conditions on the documents of that range; a text prefix is a range
 * ({@code >= "abc"} and {@code < "abd"}) of {@code usernameKey}, {@code email} and
 * {@code nameKey}, never a regular expression, so {@code %}, {@code _} and regex characters are
 * plain and the indexes can serve it. A page's plans and roles are then read with one {@code $in}
 * query each, by the {@code _id} the subscription shares with the user and by
 * {@code (tenant, user)}.
 *
 * <p>A plan filter needs the subscription of each candidate: the page is an aggregation that
 * walks the same index range, joins each user's subscription by {@code _id} ({@code $lookup}, a
 * point read of the subscriptions' {@code _id} index) and keeps those on the plan (a user without
 * a subscription is on the default plan) until the page is full. Its cost is one point read per
 * user walked, which suits a plan most users are on. A plan other than the default that few
 * users are on (at most {@value #FEW} subscriptions, counted first on the subscriptions'
 * {@code (tenant, plan)} index) is read the other way round: its subscribers' ids, then the
 * users among them ({@code _id $in}, point reads) in the list's order, so a rare plan costs its
 * subscribers, not the tenant. {@code count} with a plan filter is the same: a rare plan counts
 * its subscribers that match the other filters, a common one joins every user the other filters
 * match (for 100,000 users, 100,000 indexed point reads); without a plan it is one indexed
 * {@code countDocuments}.
 */
public final class MongoUserDirectory implements UserDirectory {

    private static final String JOINED = "subscription";
    /** Subscribers a plan may have at most to be read from its subscriptions rather than by walking the users. */
    static final int FEW = 5_000;

    private final int few;

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> subscriptions;
    private final MongoCollection<Document> staff;

    public MongoUserDirectory(MongoDatabase database) {
        this(database, FEW);
    }

    /** With {@code few} instead of {@link #FEW} (0: every plan filter walks the users), for the tests of both ways. */
    MongoUserDirectory(MongoDatabase database, int few) {
        Objects.requireNonNull(database, "database");
        this.few = few;
        this.users = database.getCollection(Collections.USERS);
        this.subscriptions = database.getCollection(Collections.SUBSCRIPTIONS);
        this.staff = database.getCollection(Collections.STAFF);
        // the indexes this directory reads are created by their owners: MongoUserStore (users),
        // MongoStaffStore (staff by tenant and user); subscriptions are read by _id
    }

    /** One index range of a list: by {@code field} (null: by id alone, among users who never logged in). */
    private record Segment(String field, boolean descending, Object afterKey, String afterId, boolean loginsOnly) {
    }

    @Override
    public List<DirectoryEntry> search(UserFilter filter, UserOrder order, UserPosition after, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        List<Document> found = new ArrayList<>();
        Optional<List<String>> few = fewSubscribers(filter);
        for (Segment segment : segments(order, after)) {
            if (found.size() == limit) {
                break;
            }
            found.addAll(page(filter, few, segment, limit - found.size()));
        }
        return entries(filter, found);
    }

    @Override
    public long count(UserFilter filter) {
        Objects.requireNonNull(filter, "filter");
        List<Bson> where = conditions(filter);
        Optional<List<String>> few = fewSubscribers(filter);
        few.ifPresent(ids -> where.add(Filters.in(ID, ids)));
        Bson match = Filters.and(where);
        if (filter.plan() == null || few.isPresent()) {
            return MongoCalls.call("count users", () -> users.countDocuments(match));
        }
        Document counted = MongoCalls.call("count users on a plan", () -> users.aggregate(List.of(Aggregates.match(match),
                join(), Aggregates.match(onPlan(filter)), Aggregates.count("n"))).first());
        return counted == null ? 0 : ((Number) counted.get("n")).longValue();
    }

    private static List<Segment> segments(UserOrder order, UserPosition after) {
        boolean desc = order.descending();
        String afterId = after == null ? null : Fields.id(after.id().value());
        return switch (order.key()) {
            case CREATED -> List.of(new Segment(CREATED_AT, desc, after == null ? null
                    : Fields.micros(Objects.requireNonNull(after.createdAt(), "a position by creation holds createdAt")),
                    afterId, false));
            case USERNAME -> List.of(new Segment(USERNAME_KEY, desc, after == null ? null
                    : Objects.requireNonNull(after.username(), "a position by username holds the username"), afterId, false));
            case LAST_LOGIN -> lastLoginSegments(desc, after, afterId);
        };
    }

    /** Never-logged-in users sort first ascending, last descending. */
    private static List<Segment> lastLoginSegments(boolean desc, UserPosition after, String afterId) {
        Segment neverFromStart = new Segment(null, desc, null, null, false);
        Segment loginsFromStart = new Segment(LAST_LOGIN_AT, desc, null, null, true);
        if (after == null) {
            return desc ? List.of(loginsFromStart, neverFromStart) : List.of(neverFromStart, loginsFromStart);
        }
        if (after.lastLoginAt() == null) {
            Segment neverAfter = new Segment(null, desc, null, afterId, false);
            return desc ? List.of(neverAfter) : List.of(neverAfter, loginsFromStart);
        }
        Segment loginsAfter = new Segment(LAST_LOGIN_AT, desc, Fields.micros(after.lastLoginAt()), afterId, true);
        return desc ? List.of(loginsAfter, neverFromStart) : List.of(loginsAfter);
    }

    /**
     * The ids of the users on {@code filter}'s plan, when it is a plan other than the default and
     * has at most {@link #FEW} subscriptions (or the tests' bound); empty otherwise (no plan filter, the default plan,
     * or a plan too common: walking the users finds its pages sooner).
     */
    private Optional<List<String>> fewSubscribers(UserFilter filter) {
        if (filter.plan() == null || filter.plan().equals(filter.defaultPlan())) {
            return Optional.empty();
        }
        Bson onPlan = Filters.and(Filters.eq(Collections.TENANT, filter.tenant().value()),
                Filters.eq(Collections.SUBSCRIPTION_PLAN, filter.plan()));
        return MongoCalls.call("find a plan's subscribers", () -> {
            if (subscriptions.countDocuments(onPlan, new CountOptions().limit(few + 1)) > few) {
                return Optional.empty();
            }
            List<String> ids = new ArrayList<>();
            for (Document subscription : subscriptions.find(onPlan).projection(Projections.include(ID))) {
                ids.add(subscription.getString(ID));
            }
            return Optional.of(ids);
        });
    }

    /** One segment's users; {@code few}: the plan's subscribers, when the plan is read from them. */
    private List<Document> page(UserFilter filter, Optional<List<String>> few, Segment segment, int limit) {
        List<Bson> where = conditions(filter);
        few.ifPresent(ids -> where.add(Filters.in(ID, ids)));
        Bson sort;
        if (segment.field() == null) {
            where.add(Filters.eq(LAST_LOGIN_AT, null));
            if (segment.afterId() != null) {
                where.add(segment.descending() ? Filters.lt(Collections.USER, segment.afterId())
                        : Filters.gt(Collections.USER, segment.afterId()));
            }
            sort = segment.descending() ? Sorts.descending(Collections.USER) : Sorts.ascending(Collections.USER);
        } else {
            if (segment.loginsOnly() && segment.afterKey() == null) {
                where.add(Filters.ne(LAST_LOGIN_AT, null));
            }
            if (segment.afterKey() != null) {
                Object key = segment.afterKey();
                String id = segment.afterId();
                // the plain bound gives the index scan its start; the $or then drops the ties up to the id
                where.add(segment.descending() ? Filters.lte(segment.field(), key) : Filters.gte(segment.field(), key));
                where.add(segment.descending()
                        ? Filters.or(Filters.lt(segment.field(), key),
                                Filters.and(Filters.eq(segment.field(), key), Filters.lt(Collections.USER, id)))
                        : Filters.or(Filters.gt(segment.field(), key),
                                Filters.and(Filters.eq(segment.field(), key), Filters.gt(Collections.USER, id))));
            }
            // usernames are unique in a tenant: the unique index's order is total without the id
            List<String> keys = segment.field().equals(USERNAME_KEY) ? List.of(USERNAME_KEY)
                    : List.of(segment.field(), Collections.USER);
            sort = segment.descending() ? Sorts.descending(keys) : Sorts.ascending(keys);
        }
        Bson match = Filters.and(where);
        if (filter.plan() == null || few.isPresent()) {
            return MongoCalls.call("list users", () -> users.find(match).sort(sort).limit(limit).into(new ArrayList<>()));
        }
        return MongoCalls.call("list users on a plan", () -> users.aggregate(List.of(Aggregates.match(match),
                Aggregates.sort(sort), join(), Aggregates.match(onPlan(filter)), Aggregates.limit(limit),
                Aggregates.project(Projections.exclude(JOINED)))).into(new ArrayList<>()));
    }

    /** Each user's subscription, as a list of none or one. */
    private static Bson join() {
        return Aggregates.lookup(Collections.SUBSCRIPTIONS, ID, ID, JOINED);
    }

    private static Bson onPlan(UserFilter filter) {
        Bson subscribed = Filters.eq(JOINED + "." + Collections.SUBSCRIPTION_PLAN, filter.plan());
        return filter.plan().equals(filter.defaultPlan()) ? Filters.or(Filters.size(JOINED, 0), subscribed) : subscribed;
    }

    /** The page's entries, with the plans and roles of one {@code $in} query each. */
    private List<DirectoryEntry> entries(UserFilter filter, List<Document> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> keys = found.stream().map(document -> document.getString(ID)).toList();
        List<String> ids = found.stream().map(document -> document.getString(Collections.USER)).toList();
        Map<String, String> plans = new HashMap<>();
        MongoCalls.run("read the plans of a page", () -> subscriptions.find(Filters.in(ID, keys))
                .projection(Projections.include(Collections.SUBSCRIPTION_PLAN))
                .forEach(document -> plans.put(document.getString(ID), document.getString(Collections.SUBSCRIPTION_PLAN))));
        Map<String, String> roles = new HashMap<>();
        MongoCalls.run("read the staff roles of a page", () -> staff.find(Filters.and(
                        Filters.eq(Collections.TENANT, filter.tenant().value()), Filters.in(Collections.USER, ids)))
                .projection(Projections.include(Collections.USER, Collections.STAFF_ROLE))
                .forEach(document -> roles.put(document.getString(Collections.USER), document.getString(Collections.STAFF_ROLE))));
        List<DirectoryEntry> entries = new ArrayList<>(found.size());
        for (Document document : found) {
            UserRecord user = UserDocuments.read(document);
            entries.add(new DirectoryEntry(user, plans.get(document.getString(ID)), roles.get(document.getString(Collections.USER))));
        }
        return List.copyOf(entries);
    }

    /** The filter's conditions on a user document, the tenant first. */
    private static List<Bson> conditions(UserFilter filter) {
        List<Bson> where = new ArrayList<>();
        where.add(Filters.eq(Collections.TENANT, filter.tenant().value()));
        if (filter.textPrefix() != null) {
            String prefix = filter.textPrefix();
            Optional<String> above = above(prefix);
            List<Bson> each = new ArrayList<>();
            for (String field : List.of(USERNAME_KEY, EMAIL, NAME_KEY)) {
                each.add(above.isPresent() ? Filters.and(Filters.gte(field, prefix), Filters.lt(field, above.get()))
                        : Filters.gte(field, prefix));
            }
            where.add(Filters.or(each));
        }
        if (filter.status() != null) {
            where.add(Filters.eq(STATUS, filter.status().name()));
        }
        if (filter.accountType() != null) {
            where.add(Filters.eq(ACCOUNT_TYPE, filter.accountType().name()));
        }
        if (filter.verified() != null) {
            where.add(filter.verified() ? Filters.ne(EMAIL_VERIFIED_AT, null) : Filters.eq(EMAIL_VERIFIED_AT, null));
        }
        range(where, CREATED_AT, filter.createdFrom(), filter.createdTo());
        range(where, LAST_LOGIN_AT, filter.lastLoginFrom(), filter.lastLoginTo());
        return where;
    }

    private static void range(List<Bson> where, String field, Instant from, Instant to) {
        if (from != null) {
            where.add(Filters.gte(field, Fields.micros(from)));
        }
        if (to != null) {
            where.add(Filters.lt(field, Fields.micros(to)));
        }
    }

    /**
     * The least string above every string that starts with {@code prefix}, in code point order
     * (MongoDB's binary order of UTF-8): the prefix with its last code point raised by one, after
     * dropping trailing code points that cannot be raised; empty when none can.
     */
    static Optional<String> above(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            int next = points[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                StringBuilder bound = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    bound.appendCodePoint(points[j]);
                }
                return Optional.of(bound.appendCodePoint(next).toString());
            }
        }
        return Optional.empty();
    }
}
