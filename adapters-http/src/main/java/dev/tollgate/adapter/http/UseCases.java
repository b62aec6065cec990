package dev.tollgate.adapter.http;

import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.metering.Subscriptions;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.api.mfa.SecondFactors;
import dev.tollgate.port.api.network.IpRules;
import dev.tollgate.port.api.network.NetworkAccess;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.tenant.Tenants;
import java.util.Objects;

/**
 * The use cases the HTTP API calls: the driving ports it translates requests into.
 *
 * @param secondFactors the signed-in user's own second factor ({@code /v1/users/mfa})
 * @param ipRules       staff's IP rules ({@code /v1/admin/ip-rules})
 * @param network       judges every request's client address before any route but the probes, the
 *                      metrics and {@code POST /v1/keys/verify} (whose use case judges the address itself)
 */
public record UseCases(
        RegisterUser registration,
        Sessions sessions,
        EmailAddresses emailAddresses,
        Profiles profiles,
        Passwords passwords,
        Accounts accounts,
        ApiKeys apiKeys,
        VerifyApiKey verification,
        UsageReports usage,
        Subscriptions subscriptions,
        Staff staff,
        FirstRun firstRun,
        ServiceAccounts serviceAccounts,
        Tenants tenants,
        UserAdministration administration,
        Statistics statistics,
        AuditSearch auditSearch,
        SecondFactors secondFactors,
        IpRules ipRules,
        NetworkAccess network) {

    public UseCases {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(emailAddresses, "emailAddresses");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(firstRun, "firstRun");
        Objects.requireNonNull(serviceAccounts, "serviceAccounts");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(auditSearch, "auditSearch");
        Objects.requireNonNull(secondFactors, "secondFactors");
        Objects.requireNonNull(ipRules, "ipRules");
        Objects.requireNonNull(network, "network");
    }
}
