package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.tck.support.SeededRandomSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void registration_issuesThePrimaryKey_shownOnce_andStoredOnlyAsADigest() {
        Registered registered = fixture.register("alice");
        IssuedApiKey key = registered.apiKey();

        assertThat(key.secret()).matches("tg_[0-9A-Za-z]{38}");
        assertThat(key.key().primary()).isTrue();
        assertThat(key.key().displayPrefix()).isEqualTo(key.secret().substring(0, 9));
        assertThat(registered.toString()).doesNotContain(key.secret());
        ApiKeyRecord stored = fixture.apiKeyStore.find(registered.user().ref(), key.key().id()).orElseThrow();
        assertThat(stored.digest()).matches("[0-9a-f]{64}").doesNotContain(key.secret());
        assertThat(stored.sealedSecret()).isNotNull().doesNotContain(key.secret().substring(3));
        assertThat(fixture.core.apiKeys().primary(registered.user().ref()).orElseThrow().id()).isEqualTo(key.key().id());
    }

    @Test
    void theKeyFormat_carriesAChecksum_thatCatchesTyposAndTruncation() {
        ApiKeyFormat format = new ApiKeyFormat("tg", new SeededRandomSource(3));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = format.newKey();
            assertThat(seen.add(key)).isTrue();
            assertThat(format.wellFormed(key)).isTrue();
            assertThat(format.wellFormed(key.substring(0, key.length() - 1))).isFalse();
            char[] typo = key.toCharArray();
            typo[10] = typo[10] == 'a' ? 'b' : 'a';
            assertThat(format.wellFormed(new String(typo))).isFalse();
        }
        assertThat(format.wellFormed(null)).isFalse();
        assertThat(format.wellFormed("xx_" + "a".repeat(38))).isFalse();
    }

    @Test
    void create_listAndRevoke_withNamesAndExpiry() {
        UserRef user = fixture.register("bob").user().ref();
        IssuedApiKey ci = fixture.core.apiKeys()
                .create(user, "  ci pipeline ", fixture.clock.instant().plus(Duration.ofDays(30)), ORIGIN).orElseThrow();

        assertThat(ci.key().name()).isEqualTo("ci pipeline");
        assertThat(fixture.core.apiKeys().list(user)).extracting(ApiKeyView::id).hasSize(2).contains(ci.key().id());

        ApiKeyView revoked = fixture.core.apiKeys().revoke(user, ci.key().id(), ORIGIN).orElseThrow();

        assertThat(revoked.revokedAt()).isEqualTo(fixture.clock.instant());
        assertThat(fixture.core.apiKeys().revoke(user, ci.key().id(), ORIGIN).problem())
                .isInstanceOf(Problem.ApiKeyNotFound.class);
        assertThat(fixture.audit(user)).extracting(e -> e.type()).contains(AuditType.API_KEY_REVOKED);
    }

    @Test
    void create_refusesLongNamesAndPastExpiry() {
        UserRef user = fixture.register("carol").user().ref();

        assertThat(fixture.core.apiKeys().create(user, "n".repeat(101), null, ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.apiKeys().create(user, null, fixture.clock.instant(), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
    }

    @Test
    void anotherUsersKey_cannotBeRevokedRegeneratedOrRevealed() {
        UserRef owner = fixture.register("dave").user().ref();
        UserRef other = fixture.register("erin").user().ref();
        ApiKeyId key = fixture.core.apiKeys().primary(owner).orElseThrow().id();

        assertThat(fixture.core.apiKeys().revoke(other, key, ORIGIN).problem()).isInstanceOf(Problem.ApiKeyNotFound.class);
        assertThat(fixture.core.apiKeys().regenerate(other, key, PASSWORD, ORIGIN).problem())
                .isInstanceOf(Problem.ApiKeyNotFound.class);
        assertThat(fixture.core.apiKeys().reveal(other, key, PASSWORD, ORIGIN).problem())
                .isInstanceOf(Problem.ApiKeyNotFound.class);
        assertThat(fixture.core.apiKeys().primary(owner).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void regenerate_needsThePassword_andKillsTheOldSecretAtOnce() {
        Registered registered = fixture.register("frank");
        UserRef user = registered.user().ref();
        IssuedApiKey old = registered.apiKey();

        assertThat(fixture.core.apiKeys().regenerate(user, old.key().id(), "wrong", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidCredentials.class);
        IssuedApiKey fresh = fixture.core.apiKeys().regenerate(user, old.key().id(), PASSWORD, ORIGIN).orElseThrow();

        assertThat(fresh.secret()).isNotEqualTo(old.secret());
        assertThat(fresh.key().id()).isEqualTo(old.key().id());
        assertThat(fixture.apiKeyStore.list(user)).hasSize(1);
        assertThat(fixture.core.apiKeys().reveal(user, old.key().id(), PASSWORD, ORIGIN).orElseThrow().secret())
                .isEqualTo(fresh.secret());
    }

    @Test
    void reveal_needsThePassword_andShowsTheSameSecret() {
        Registered registered = fixture.register("grace");
        UserRef user = registered.user().ref();
        ApiKeyId key = registered.apiKey().key().id();

        assertThat(fixture.core.apiKeys().reveal(user, key, "wrong", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.core.apiKeys().reveal(user, key, PASSWORD, ORIGIN).orElseThrow().secret())
                .isEqualTo(registered.apiKey().secret());
        assertThat(fixture.audit(user)).extracting(e -> e.type()).contains(AuditType.API_KEY_REVEALED);
    }

    @Test
    void withoutAMasterKey_keysAreShownOnce_andCannotBeRevealed() {
        CoreServices unsealed = fixture.withoutSealingKey();
        Registered registered = unsealed.registration().register(fixture.registration("heidi")).orElseThrow();

        assertThat(registered.apiKey().key().recoverable()).isFalse();
        assertThat(unsealed.apiKeys().reveal(registered.user().ref(), registered.apiKey().key().id(), PASSWORD, ORIGIN)
                .problem()).isInstanceOf(Problem.ApiKeyNotRecoverable.class);
    }

    @Test
    void deletingTheAccount_removesItsKeys() {
        UserRef user = fixture.register("ivan").user().ref();

        fixture.core.accounts().delete(user, PASSWORD, null, ORIGIN).orElseThrow();

        assertThat(fixture.apiKeyStore.list(user)).isEmpty();
        assertThat(fixture.core.apiKeys().revoke(user, new ApiKeyId(UUID.randomUUID()), ORIGIN).problem())
                .isInstanceOf(Problem.ApiKeyNotFound.class);
    }
}
