package dev.tollgate.server;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.StaffMember;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate-server admin list [--tenant T]}: the staff of a tenant, one row each. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Lists the staff of a tenant: id, username, email, role, granted at.",
                "Exit status 0: listed; 1: refused or the store unavailable; 2: a usage or configuration error."})
final class AdminListCommand extends ServerCommand {

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant; default: TOLLGATE_TENANT")
    String tenant;

    AdminListCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        return onStore((tollgate, config) -> {
            TenantId tenantId;
            try {
                tenantId = tenant == null ? config.tenant() : TenantId.of(tenant);
            } catch (IllegalArgumentException e) {
                invocation.err().println("--tenant: " + e.getMessage());
                return TollgateServer.USAGE_ERROR;
            }
            List<List<String>> rows = new ArrayList<>();
            PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Outcome<Page<StaffMember>> page = tollgate.staff().list(Actor.system(), tenantId, request);
                if (!page.isDone()) {
                    return refused("admin list refused", page.problem());
                }
                for (StaffMember member : page.orElseThrow().items()) {
                    rows.add(List.of(member.user().id().toString(), member.username().value(), member.email().value(),
                            member.role(), member.grantedAt().toString()));
                }
                if (page.orElseThrow().last()) {
                    break;
                }
                request = request.after(page.orElseThrow().nextCursor().orElseThrow());
            }
            table(List.of("ID", "USERNAME", "EMAIL", "ROLE", "GRANTED"), rows);
            return 0;
        });
    }
}
