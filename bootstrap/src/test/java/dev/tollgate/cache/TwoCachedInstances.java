package dev.tollgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Tollgates on one database, each with its own connections and invalidation bus, as two
 * server processes would run, both caching lookups for an hour: only the notices pushed over
 * the store's bus (PostgreSQL's LISTEN/NOTIFY, MongoDB's notice collection) can make the second
 * see what the first changed. Waits end as soon as the second agrees; how fast that is, is
 * measured in the benchmarks, not here. A subclass names the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoCachedInstances {

    private static final String PASSWORD = "analytical-Engine-1843";
    private static final TenantId TENANT = TenantId.DEFAULT;
    /** High enough that polling never meets the key's rate limit. */
    private static final int RATE_LIMIT = 1_000_000;

    private RecordingMailer mailer;
    private Tollgate first;
    private Tollgate second;

    /** The builder on the store under test, the same database for every call. */
    abstract Tollgate.Builder onTheStore(Tollgate.Builder builder);

    /** Removes the database, after both instances closed. */
    abstract void dropTheDatabase();

    @BeforeAll
    void openTwoInstances() {
        mailer = new RecordingMailer();
        first = instance(1);
        second = instance(2);
        assertThat(Eventually.holds(() -> first.degradations().isEmpty() && second.degradations().isEmpty()))
                .as("both buses listening").isTrue();
    }

    private Tollgate instance(long seed) {
        return onTheStore(Tollgate.builder())
                .mailer(mailer)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(seed)))
                .backgroundExecutor(Runnable::run)
                .lookupCache(Duration.ofHours(1))
                .build();
    }

    @AfterAll
    void close() {
        try {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        } finally {
            dropTheDatabase();
        }
    }

    /** A user with a verified address and a rate limit polling cannot reach, made on the first instance. */
    private Registered verifiedUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        String email = name + "@example.com";
        Registered registered = first.registration().register(Registration.of(TENANT, name, email, PASSWORD))
                .orElseThrow();
        first.emailAddresses().verify(registered.user().ref(), mailer.lastCodeFor(Email.of(email)).orElseThrow(),
                RequestContext.NONE).orElseThrow();
        first.subscriptions().change(registered.user().ref(), new PlanChange("free", Map.of(), RATE_LIMIT, Set.of()),
                RequestContext.NONE).orElseThrow();
        return registered;
    }

    /** A key check on the second instance: the verdict, nothing consumed. */
    private Outcome<Granted> checkOnSecond(Registered user) {
        return second.verification().verify(KeyCheck.of(TENANT, user.apiKey().secret()).withMeter("credits", 0));
    }

    private static boolean refusedWith(Outcome<?> outcome, ErrorCode code) {
        return !outcome.isDone() && outcome.problem().code() == code;
    }

    @Test
    void aKeyRevokedOnTheFirst_isRefusedByTheSecond() {
        Registered user = verifiedUser();
        assertThat(Eventually.holds(() -> checkOnSecond(user).isDone())).isTrue();
        assertThat(checkOnSecond(user).isDone()).as("served from the second's memory").isTrue();

        first.apiKeys().revoke(user.user().ref(), user.apiKey().key().id(), RequestContext.NONE).orElseThrow();

        assertThat(Eventually.holds(() -> refusedWith(checkOnSecond(user), ErrorCode.KEY_REVOKED))).isTrue();
    }

    @Test
    void aUserSuspendedOnTheFirst_isInactiveOnTheSecond() {
        Registered user = verifiedUser();
        assertThat(Eventually.holds(() -> checkOnSecond(user).isDone())).isTrue();

        first.administration().suspend(Actor.system(), user.user().ref(), "abuse", RequestContext.NONE).orElseThrow();

        assertThat(Eventually.holds(() -> refusedWith(checkOnSecond(user), ErrorCode.USER_INACTIVE))).isTrue();
    }

    @Test
    void aPlanChangedOnTheFirst_givesItsEntitlementsOnTheSecond() {
        Registered user = verifiedUser();
        UserRef ref = user.user().ref();
        assertThat(Eventually.holds(() -> checkOnSecond(user).isDone()
                && checkOnSecond(user).orElseThrow().plan().equals("free"))).isTrue();
        KeyCheck needingGpu = KeyCheck.of(TENANT, user.apiKey().secret()).withMeter("credits", 0).requiring("gpu");
        assertThat(refusedWith(second.verification().verify(needingGpu), ErrorCode.ENTITLEMENT_MISSING)).isTrue();

        first.subscriptions().change(ref, new PlanChange("premium", Map.of(), RATE_LIMIT, Set.of("gpu")),
                RequestContext.NONE).orElseThrow();

        assertThat(Eventually.holds(() -> second.verification().verify(needingGpu).isDone())).isTrue();
        assertThat(checkOnSecond(user).orElseThrow().plan()).isEqualTo("premium");
    }

    @Test
    void aSessionLoggedOutOnTheFirst_isRefusedByTheSecond() {
        Registered user = verifiedUser();
        SessionTokens tokens = login(user);
        assertThat(Eventually.holds(() -> second.sessions().authenticate(TENANT, tokens.accessToken()).isDone()))
                .isTrue();
        Principal principal = first.sessions().authenticate(TENANT, tokens.accessToken()).orElseThrow();

        first.sessions().logout(principal, RequestContext.NONE);

        assertThat(Eventually.holds(() -> refusedWith(second.sessions().authenticate(TENANT, tokens.accessToken()),
                ErrorCode.INVALID_TOKEN))).isTrue();
    }

    @Test
    void loggingOutEverywhereOnTheFirst_endsEverySessionOnTheSecond() {
        Registered user = verifiedUser();
        SessionTokens one = login(user);
        SessionTokens two = login(user);
        assertThat(Eventually.holds(() -> second.sessions().authenticate(TENANT, one.accessToken()).isDone()
                && second.sessions().authenticate(TENANT, two.accessToken()).isDone())).isTrue();

        assertThat(first.sessions().logoutEverywhere(user.user().ref(), RequestContext.NONE)).isEqualTo(2);

        assertThat(Eventually.holds(() -> !second.sessions().authenticate(TENANT, one.accessToken()).isDone()
                && !second.sessions().authenticate(TENANT, two.accessToken()).isDone())).isTrue();
    }

    private SessionTokens login(Registered user) {
        return first.sessions().login(Login.of(TENANT, user.user().username().value(), PASSWORD)).orElseThrow();
    }
}
