package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;

/**
 * Staff and tenants over a {@link CoreFixture}: tenants made by the system, verified users
 * holding roles, and the actors their sessions are. Addresses are {@code username@example.com}
 * in every tenant, so tests use a username once.
 */
final class StaffFixture {

    final CoreFixture fixture;

    StaffFixture(CoreFixture fixture) {
        this.fixture = fixture;
    }

    /** Creates the tenant as the system. */
    TenantId tenant(String id) {
        TenantId tenant = TenantId.of(id);
        fixture.core.tenants().create(Actor.system(), tenant, "Tenant " + id, ORIGIN).orElseThrow();
        return tenant;
    }

    /** A verified user of {@code tenant}, with {@link CoreFixture#PASSWORD}. */
    UserRef user(TenantId tenant, String username) {
        String address = username + "@example.com";
        UserRef ref = fixture.core.registration()
                .register(Registration.of(tenant, username, address, PASSWORD).withContext(ORIGIN))
                .orElseThrow().user().ref();
        fixture.core.emailAddresses().verify(ref, fixture.lastCode(address), ORIGIN).orElseThrow();
        return ref;
    }

    /** A verified user of {@code tenant} holding {@code role}, granted by the system. */
    UserRef member(TenantId tenant, String username, String role) {
        UserRef ref = user(tenant, username);
        fixture.core.staff().grant(Actor.system(), ref, role, null, ORIGIN).orElseThrow();
        return ref;
    }

    UserRef member(String username, String role) {
        return member(TenantId.DEFAULT, username, role);
    }

    /** Logs the user in and answers the principal of the new session. */
    Principal signedIn(UserRef user, String username) {
        SessionTokens tokens = fixture.core.sessions()
                .login(Login.of(user.tenant(), username, PASSWORD).withContext(ORIGIN)).orElseThrow();
        return fixture.core.sessions().authenticate(user.tenant(), tokens.accessToken()).orElseThrow();
    }

    /** The actor the user's new session is. */
    Outcome<Actor> actorOf(UserRef user, String username) {
        return fixture.core.staff().actorOf(signedIn(user, username));
    }

    Actor actor(UserRef user, String username) {
        return actorOf(user, username).orElseThrow();
    }
}
