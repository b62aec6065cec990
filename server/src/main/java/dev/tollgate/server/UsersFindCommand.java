package dev.tollgate.server;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.staff.Actor;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate-server users find <text> [--tenant T] [--limit N]}: users whose username, email or name starts with the text. */
@Command(name = "find", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Finds the users of a tenant whose username, email address or name starts with TEXT "
                + "(ignoring case), newest first: id, username, email, status, plan.",
                "Exit status 0: searched (also when none matched); 1: refused or the store unavailable; 2: a usage "
                        + "or configuration error."})
final class UsersFindCommand extends ServerCommand {

    @Parameters(paramLabel = "TEXT", description = "the start of a username, an email address or a name")
    String text;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant; default: TOLLGATE_TENANT")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "the most users shown, 1 to " + PageRequest.MAX_LIMIT + " [default: ${DEFAULT-VALUE}]")
    int limit;

    UsersFindCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            invocation.err().println("--limit: must be from 1 to " + PageRequest.MAX_LIMIT + ", was " + limit);
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
            Outcome<Page<UserSummary>> found = tollgate.administration().search(Actor.system(),
                    UserQuery.all(tenantId).withText(text), PageRequest.first(limit));
            if (!found.isDone()) {
                return refused("users find refused", found.problem());
            }
            Page<UserSummary> page = found.orElseThrow();
            table(List.of("ID", "USERNAME", "EMAIL", "STATUS", "PLAN"), page.items().stream()
                    .map(summary -> List.of(summary.user().id().toString(), summary.user().username().value(),
                            summary.user().email().value(), summary.user().status().name().toLowerCase(Locale.ROOT),
                            summary.plan()))
                    .toList());
            if (!page.last()) {
                invocation.out().println("(more than " + limit + " users match: narrow TEXT or raise --limit)");
            }
            return 0;
        });
    }
}
