package dev.tollgate.adapter.mongo.audit;

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
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The append-only audit log in {@code tg_audit}, one document per event:
 * <pre>
 * { _id: event id (lower-case UUID text), tenant, type, outcome, actor, subject: user ids (text) or null,
 *   reason, at: micros, ip, userAgent, details: [ { k, v } ... ] }
 * </pre>
 * Ids are canonical lower-case UUID text, whose order is the unsigned 128-bit order of the
 * UUIDs, so "newest first" is a descending sort on {@code _id} and a page "before" an id is
 * {@code _id < before}. The details are an array of key/value pairs, so a key may hold any
 * character (a dot or a dollar sign would not do as a field name).
 *
 * <p>Compound indexes serve every filter with the order: {@code (tenant, _id)},
 * {@code (tenant, subject, _id)}, {@code (tenant, actor, _id)} and {@code (tenant, type, _id)}
 * (several types are a merge of index ranges), so a page deep in the log is one index range
 * starting at {@code before}, as cheap as the first. The outcome and the time range are checked on
 * the documents of that range. Appending is one insert: nothing else is written.
 */
public final class MongoAuditLog implements AuditLog {

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String TYPE = "type";
    private static final String OUTCOME = "outcome";
    private static final String ACTOR = "actor";
    private static final String SUBJECT = "subject";
    private static final String REASON = "reason";
    private static final String AT = "at";
    private static final String IP = "ip";
    private static final String USER_AGENT = "userAgent";
    private static final String DETAILS = "details";
    private static final String KEY = "k";
    private static final String VALUE = "v";

    private final MongoCollection<Document> events;

    public MongoAuditLog(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.events = database.getCollection(Collections.AUDIT);
        MongoCalls.run("create audit indexes", () -> {
            events.createIndex(Indexes.ascending(TENANT, ID), new IndexOptions().name("tenant_id"));
            events.createIndex(Indexes.ascending(TENANT, SUBJECT, ID), new IndexOptions().name("tenant_subject_id"));
            events.createIndex(Indexes.ascending(TENANT, ACTOR, ID), new IndexOptions().name("tenant_actor_id"));
            events.createIndex(Indexes.ascending(TENANT, TYPE, ID), new IndexOptions().name("tenant_type_id"));
        });
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        List<Document> details = new ArrayList<>();
        event.details().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> details.add(new Document(KEY, entry.getKey()).append(VALUE, entry.getValue())));
        Document document = new Document(ID, Fields.id(event.id()))
                .append(TENANT, event.tenant().value())
                .append(TYPE, event.type().name())
                .append(OUTCOME, event.outcome().name())
                .append(ACTOR, event.actor() == null ? null : Fields.id(event.actor().value()))
                .append(SUBJECT, event.subject() == null ? null : Fields.id(event.subject().value()))
                .append(REASON, event.reason())
                .append(AT, Fields.micros(event.at()))
                .append(IP, event.ip())
                .append(USER_AGENT, event.userAgent())
                .append(DETAILS, details);
        MongoCalls.run("append audit event", () -> {
            try {
                events.insertOne(document);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new StoreRejectedInputException("MongoDB store: append audit event refused: its id exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return read("read audit events", Filters.and(Filters.eq(TENANT, tenant.value()),
                Filters.eq(SUBJECT, Fields.id(subject.value()))), limit);
    }

    @Override
    public List<AuditEvent> search(AuditFilter filter, UUID before, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        List<Bson> where = new ArrayList<>();
        where.add(Filters.eq(TENANT, filter.tenant().value()));
        if (filter.subject() != null) {
            where.add(Filters.eq(SUBJECT, Fields.id(filter.subject().value())));
        }
        if (filter.actor() != null) {
            where.add(Filters.eq(ACTOR, Fields.id(filter.actor().value())));
        }
        if (!filter.types().isEmpty()) {
            where.add(Filters.in(TYPE, filter.types().stream().map(AuditType::name).sorted().toList()));
        }
        if (filter.outcome() != null) {
            where.add(Filters.eq(OUTCOME, filter.outcome().name()));
        }
        if (filter.from() != null) {
            where.add(Filters.gte(AT, Fields.micros(filter.from())));
        }
        if (filter.to() != null) {
            where.add(Filters.lt(AT, Fields.micros(filter.to())));
        }
        if (before != null) {
            where.add(Filters.lt(ID, Fields.id(before)));
        }
        return read("search audit events", Filters.and(where), limit);
    }

    private List<AuditEvent> read(String operation, Bson filter, int limit) {
        return MongoCalls.call(operation, () -> {
            List<AuditEvent> found = new ArrayList<>();
            for (Document document : events.find(filter).sort(Sorts.descending(ID)).limit(limit)) {
                found.add(read(document));
            }
            return List.copyOf(found);
        });
    }

    private static AuditEvent read(Document document) {
        Map<String, String> details = new HashMap<>();
        List<Document> pairs = document.getList(DETAILS, Document.class, List.of());
        for (Document pair : pairs) {
            details.put(pair.getString(KEY), pair.getString(VALUE));
        }
        String actor = document.getString(ACTOR);
        String subject = document.getString(SUBJECT);
        return new AuditEvent(
                Fields.uuid(document.getString(ID)),
                TenantId.of(document.getString(TENANT)),
                AuditType.valueOf(document.getString(TYPE)),
                AuditOutcome.valueOf(document.getString(OUTCOME)),
                actor == null ? null : new UserId(Fields.uuid(actor)),
                subject == null ? null : new UserId(Fields.uuid(subject)),
                document.getString(REASON),
                Fields.instantOrNull(document.get(AT)),
                document.getString(IP),
                document.getString(USER_AGENT),
                details);
    }
}
