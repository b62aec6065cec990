package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.session.Principal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code ApiKeys.authenticate}: a user's own API key as a bearer token for their read routes,
 * judged as verification judges the key, consuming nothing.
 */
class ApiKeyBearerTest {

    private final CoreFixture fixture = new CoreFixture();

    private Registered registeredVerified(String username) {
        Registered registered = fixture.register(username);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"), ORIGIN)
                .orElseThrow();
        return registered;
    }

    @Test
    void aLiveKeyOfAVerifiedActiveUser_isThatUser_authenticatedByTheKey_andTakesNothing() {
        Registered ann = registeredVerified("ann");
        IssuedApiKey key = ann.apiKey();

        Principal principal = fixture.core.apiKeys().authenticate(TenantId.DEFAULT, key.secret()).orElseThrow();

        assertThat(principal.user()).isEqualTo(ann.user().ref());
        assertThat(principal.authenticatedBy()).isEqualTo(Principal.Credential.API_KEY);
        assertThat(principal.apiKey()).isEqualTo(key.key().id());
        assertThat(principal.session()).isNull();
        assertThat(principal.emailVerified()).isTrue();
        // not a metered use: the balance is whole for the first verification
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key.secret())).orElseThrow().meters().get("credits").remaining())
                .isEqualTo(9);
    }

    @Test
    void unknownMalformedRevokedAndExpiredKeys_areInvalidTokens() {
        Registered bob = registeredVerified("bob");
        UserRef user = bob.user().ref();
        IssuedApiKey expiring = fixture.core.apiKeys()
                .create(user, "short", fixture.clock.instant().plus(Duration.ofHours(1)), ORIGIN).orElseThrow();
        IssuedApiKey revoked = fixture.core.apiKeys().create(user, "gone", null, ORIGIN).orElseThrow();
        assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, expiring.secret()).isDone()).isTrue();
        fixture.core.apiKeys().revoke(user, revoked.key().id(), ORIGIN).orElseThrow();
        fixture.clock.advance(Duration.ofHours(1));

        String secret = bob.apiKey().secret();
        for (String presented : new String[] {expiring.secret(), revoked.secret(), "not a key", null,
                secret.substring(0, secret.length() - 1), secret.replace("tg_", "xx_")}) {
            assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, presented).problem()).as(presented)
                    .isInstanceOf(Problem.InvalidToken.class);
        }
        IssuedApiKey regenerated = fixture.core.apiKeys().regenerate(user, bob.apiKey().key().id(), PASSWORD, ORIGIN)
                .orElseThrow();
        assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, secret).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, regenerated.secret()).isDone()).isTrue();
    }

    @Test
    void aKeyOfAnotherTenant_isAnInvalidToken() {
        Registered cat = registeredVerified("cat");
        assertThat(fixture.core.apiKeys().authenticate(TenantId.of("other"), cat.apiKey().secret()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void anUnverifiedOwner_whenKeysRequireIt_orAnInactiveOne_isAnInvalidToken() {
        Registered unverified = fixture.register("dan");
        assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, unverified.apiKey().secret()).problem())
                .isInstanceOf(Problem.InvalidToken.class);

        Registered suspended = registeredVerified("eve");
        fixture.core.accounts().suspend(suspended.user().ref(), "abuse", ORIGIN).orElseThrow();
        assertThat(fixture.core.apiKeys().authenticate(TenantId.DEFAULT, suspended.apiKey().secret()).problem())
                .isInstanceOf(Problem.InvalidToken.class);

        CoreFixture lenient = new CoreFixture(s -> s.withApiKeys(s.apiKeys().withRequireVerifiedEmail(false)));
        Principal unverifiedButAllowed = lenient.core.apiKeys()
                .authenticate(TenantId.DEFAULT, lenient.register("fay").apiKey().secret()).orElseThrow();
        assertThat(unverifiedButAllowed.emailVerified()).isFalse();
    }

    @Test
    void aPrincipal_hasASessionOrAnApiKey_exactlyOne() {
        Registered gil = registeredVerified("gil");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Principal(gil.user().ref(), null, true, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
