package dev.tollgate.core.audit;

import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Appends audit events: one call per event, stamped with a time-ordered id and the clock. */
public final class Auditor {

    private final AuditLog log;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final Consumer<AuditEvent> watcher;

    public Auditor(AuditLog log, Clock clock, TimeOrderedIds ids) {
        this(log, clock, ids, event -> { });
    }

    /**
     * @param watcher told of each event once it is appended, on the caller's thread (the automatic
     *                blocking counts lockouts and throttle refusals so); must be quick
     */
    public Auditor(AuditLog log, Clock clock, TimeOrderedIds ids, Consumer<AuditEvent> watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The start of an event about {@code subject}, which a user (or nobody, if null) caused. */
    public Entry event(AuditType type, TenantId tenant, UserId subject, RequestContext context) {
        return new Entry(type, tenant, subject, context);
    }

    /** An event being described; {@link #succeeded()} or {@link #failed} appends it. */
    public final class Entry {
        private final AuditType type;
        private final TenantId tenant;
        private final UserId subject;
        private final RequestContext context;
        private UserId actor;
        private Map<String, String> details = Map.of();

        private Entry(AuditType type, TenantId tenant, UserId subject, RequestContext context) {
            this.type = Objects.requireNonNull(type, "type");
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.subject = subject;
            this.context = Objects.requireNonNullElse(context, RequestContext.NONE);
            this.actor = subject;
        }

        /** Who acted, when not the subject itself (staff, or null for the system). */
        public Entry by(UserId who) {
            this.actor = who;
            return this;
        }

        /** Non-secret facts to keep with the event. */
        public Entry with(Map<String, String> facts) {
            this.details = Map.copyOf(facts);
            return this;
        }

        public void succeeded() {
            append(AuditOutcome.SUCCESS, null);
        }

        public void failed(ErrorCode reason) {
            append(AuditOutcome.FAILURE, Objects.requireNonNull(reason, "reason").name());
        }

        /** Appends the event as a success or, with its problem's code, as a failure. */
        public void outcome(Outcome<?> outcome) {
            if (outcome.isDone()) {
                succeeded();
            } else {
                failed(outcome.problem().code());
            }
        }

        private void append(AuditOutcome outcome, String reason) {
            AuditEvent event = new AuditEvent(ids.next(), tenant, type, outcome, actor, subject, reason, clock.instant(),
                    context.ip(), context.userAgent(), details);
            log.append(event);
            watcher.accept(event);
        }
    }
}
