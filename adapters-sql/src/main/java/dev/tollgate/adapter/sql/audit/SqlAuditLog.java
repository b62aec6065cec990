package dev.tollgate.adapter.sql.audit;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.FormEncoded;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log in {@code tg_audit_events}, append-only, indexed by tenant with the id, and with the
 * subject, the actor or the type before the id, so the newest events of a user, and a page of a
 * search before a given id, are one index range.
 */
public final class SqlAuditLog implements AuditLog {

    private static final String COLUMNS = "id, tenant_id, type, outcome, actor_id, subject_id, reason, occurred_at, ip, "
            + "user_agent, details";

    private final Database database;
    private final SqlDialect dialect;

    public SqlAuditLog(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void append(AuditEvent event) {
        database.call("append audit event", handle -> handle.createUpdate("INSERT INTO tg_audit_events (" + COLUMNS
                        + ") VALUES (:id, :tenant, :type, :outcome, :actor, :subject, :reason, :at, :ip, :userAgent, :details)")
                .bind("id", dialect.uuid(event.id()))
                .bind("tenant", event.tenant().value())
                .bind("type", event.type().name())
                .bind("outcome", event.outcome().name())
                .bind("actor", dialect.uuid(event.actor() == null ? null : event.actor().value()))
                .bind("subject", dialect.uuid(event.subject() == null ? null : event.subject().value()))
                .bind("reason", event.reason())
                .bind("at", dialect.instant(event.at()))
                .bind("ip", event.ip())
                .bind("userAgent", event.userAgent())
                .bind("details", FormEncoded.map(event.details()))
                .execute());
    }

    @Override
    public List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return database.call("read audit events", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_audit_events WHERE tenant_id = :tenant AND subject_id = :subject "
                        + "ORDER BY id DESC LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("subject", dialect.uuid(subject.value()))
                .bind("limit", limit)
                .map((row, context) -> read(row))
                .list());
    }

    private AuditEvent read(ResultSet row) throws SQLException {
        UUID actor = dialect.uuid(row, "actor_id");
        UUID subject = dialect.uuid(row, "subject_id");
        return new AuditEvent(
                dialect.uuid(row, "id"),
                TenantId.of(row.getString("tenant_id")),
                AuditType.valueOf(row.getString("type")),
                AuditOutcome.valueOf(row.getString("outcome")),
                actor == null ? null : new UserId(actor),
                subject == null ? null : new UserId(subject),
                row.getString("reason"),
                dialect.instant(row, "occurred_at"),
                row.getString("ip"),
                row.getString("user_agent"),
                FormEncoded.map(row.getString("details")));
    }

    @Override
    public List<AuditEvent> search(AuditFilter filter, UUID before, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        StringBuilder where = new StringBuilder(" WHERE tenant_id = :tenant");
        if (filter.subject() != null) {
            where.append(" AND subject_id = :subject");
        }
        if (filter.actor() != null) {
            where.append(" AND actor_id = :actor");
        }
        if (!filter.types().isEmpty()) {
            where.append(" AND type IN (<types>)");
        }
        if (filter.outcome() != null) {
            where.append(" AND outcome = :outcome");
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
        }
        if (before != null) {
            where.append(" AND id < :before");
        }
        return database.call("search audit events", handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM tg_audit_events" + where
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("tenant", filter.tenant().value())
                    .bind("limit", limit);
            if (filter.subject() != null) {
                query.bind("subject", dialect.uuid(filter.subject().value()));
            }
            if (filter.actor() != null) {
                query.bind("actor", dialect.uuid(filter.actor().value()));
            }
            if (!filter.types().isEmpty()) {
                query.bindList("types", filter.types().stream().map(AuditType::name).sorted().toList());
            }
            if (filter.outcome() != null) {
                query.bind("outcome", filter.outcome().name());
            }
            if (filter.from() != null) {
                query.bind("from", dialect.instant(filter.from()));
            }
            if (filter.to() != null) {
                query.bind("to", dialect.instant(filter.to()));
            }
            if (before != null) {
                query.bind("before", dialect.uuid(before));
            }
            return query.map((row, context) -> read(row)).list();
        });
    }
}
