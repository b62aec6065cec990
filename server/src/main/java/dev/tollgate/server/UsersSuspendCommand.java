package dev.tollgate.server;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.staff.Actor;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate-server users suspend <id|login> --reason R [--tenant T]}: suspends an account as
 * the system; the audit records the reason. The user can no longer log in and their sessions end.
 */
@Command(name = "suspend", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Suspends a user (by id, username or email address): they can no longer log in and their "
                + "sessions end. Audited, with the reason, as done by the system.",
                "Exit status 0: suspended; 1: no such user, refused or the store unavailable; 2: a usage or "
                        + "configuration error."})
final class UsersSuspendCommand extends ServerCommand {

    @Parameters(paramLabel = "USER", description = "the user's id, username or email address")
    String user;

    @Option(names = "--reason", required = true, paramLabel = "REASON", description = "why, for the audit log")
    String reason;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant; default: TOLLGATE_TENANT")
    String tenant;

    UsersSuspendCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        if (reason.isBlank()) {
            invocation.err().println("--reason: must not be blank");
            return TollgateServer.USAGE_ERROR;
        }
        return onStore((tollgate, config) -> {
            TenantId tenantId;
            try {
                tenantId = tenant == null ? config.tenant() : TenantId.of(tenant);
            } catch (IllegalArgumentException e) {
                invocation.err().println("--tenant: " + e.getMessage());
                return TollgateServer.USAGE_ERROR;
            }
            Optional<UserRef> ref = byId(tenantId).or(() -> tollgate.accounts().findByLogin(tenantId, user)
                    .map(UserView::ref));
            if (ref.isEmpty()) {
                invocation.err().println("users suspend: no user " + user + " in tenant " + tenantId.value());
                return REFUSED;
            }
            Outcome<UserView> suspended = tollgate.administration().suspend(Actor.system(), ref.get(), reason,
                    RequestContext.NONE);
            if (!suspended.isDone()) {
                return refused("users suspend refused", suspended.problem());
            }
            UserView view = suspended.orElseThrow();
            invocation.out().println("suspended " + view.username().value() + " <" + view.email().value() + ">, id "
                    + view.id() + ", in tenant " + view.tenant().value());
            return 0;
        });
    }

    private Optional<UserRef> byId(TenantId tenantId) {
        try {
            return Optional.of(UserRef.of(tenantId, UserId.parse(user)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
