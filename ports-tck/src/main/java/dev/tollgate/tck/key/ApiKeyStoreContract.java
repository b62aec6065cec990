package dev.tollgate.tck.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore}. Extend it with a factory for your store; every test uses
 * fresh ids, so one database may serve all of them. Instants keep at least milliseconds.
 *
 * <p>Beyond the Javadoc of {@link ApiKeyStore}, the contract pins these readings about allowed
 * address ranges: {@code allowedIps} come back in the order given, the text unchanged, and
 * empty (never null) for a key without ranges; {@code restrictAddresses} answers
 * {@code APPLIED} for any key of the user that is not revoked, an expired one included, and
 * {@code NO_MATCH} for a revoked key, an unknown one, one of another user and one reached
 * through another tenant; revoking a key and replacing its secret keep its ranges. Not pinned:
 * what {@code restrictAddresses} answers when the ranges are the ones the key has already.
 */
public abstract class ApiKeyStoreContract {

    private static final Instant T0 = Instant.parse("2025-04-02T08:00:00.456Z");

    private ApiKeyStore store;
    private UserRef owner;

    /** The store under test; called before each test. */
    protected abstract ApiKeyStore apiKeyStore();

    @BeforeEach
    void setUpApiKeyStore() {
        store = apiKeyStore();
        owner = Unique.user();
    }

    @Test
    void aCreatedKey_isFoundByDigestAndById_withEveryField() {
        ApiKeyRecord key = key(owner, T0, "sealed-secret", true, T0.plus(Duration.ofDays(90)));
        store.create(key);

        assertThat(store.findByDigest(owner.tenant(), key.digest())).contains(key);
        assertThat(store.find(owner, key.id())).contains(key);
    }

    @Test
    void aKeyWithoutNameSealOrExpiry_comesBackWithNulls() {
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(Unique.uuid()), owner, null, Unique.tag(), "tg_abcdef", null,
                false, T0, null, null);
        store.create(key);

        assertThat(store.find(owner, key.id())).contains(key);
    }

    @Test
    void anUnknownDigest_orAnotherUsersKey_isNotFound() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        assertThat(store.findByDigest(owner.tenant(), Unique.tag())).isEmpty();
        assertThat(store.find(Unique.user(), key.id())).isEmpty();
        assertThat(store.find(new UserRef(Unique.tenant(), owner.id()), key.id())).isEmpty();
    }

    @Test
    void list_answersTheUsersKeys_revokedIncluded_newestFirst() {
        ApiKeyRecord older = key(owner, T0, null, true, null);
        ApiKeyRecord newer = key(owner, T0.plusSeconds(5), null, false, null);
        store.create(older);
        store.create(newer);
        store.create(key(Unique.user(), T0, null, false, null));
        store.revoke(owner, older.id(), T0.plusSeconds(10));

        List<ApiKeyRecord> listed = store.list(owner);

        assertThat(listed).extracting(ApiKeyRecord::id).containsExactly(newer.id(), older.id());
        assertThat(listed.get(1).revokedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void revoke_endsALiveKeyOnce_andOnlyTheOwnersOwn() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        assertThat(store.revoke(Unique.user(), key.id(), T0)).isEqualTo(Change.noMatch());
        assertThat(store.revoke(owner, key.id(), T0.plusSeconds(1))).isEqualTo(Change.applied());
        assertThat(store.revoke(owner, key.id(), T0.plusSeconds(2))).isEqualTo(Change.noMatch());
        assertThat(store.findByDigest(owner.tenant(), key.digest())).hasValueSatisfying(
                found -> assertThat(found.revokedAt()).isEqualTo(T0.plusSeconds(1)));
        assertThat(store.revoke(owner, new ApiKeyId(Unique.uuid()), T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void replaceSecret_fromTheCurrentDigest_makesTheOldDigestFindNothing() {
        ApiKeyRecord key = key(owner, T0, "old-seal", true, null);
        store.create(key);
        String newDigest = Unique.tag();

        assertThat(store.replaceSecret(owner, key.id(), key.digest(), newDigest, "tg_zzzzzz", "new-seal")).isEqualTo(Change.applied());

        assertThat(store.findByDigest(owner.tenant(), key.digest())).isEmpty();
        assertThat(store.findByDigest(owner.tenant(), newDigest)).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(key.id());
            assertThat(found.displayPrefix()).isEqualTo("tg_zzzzzz");
            assertThat(found.sealedSecret()).isEqualTo("new-seal");
            assertThat(found.primary()).isTrue();
            assertThat(found.createdAt()).isEqualTo(key.createdAt());
        });
    }

    @Test
    void replaceSecret_expectingAnotherDigest_orOfARevokedKey_changesNothing() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        assertThat(store.replaceSecret(owner, key.id(), Unique.tag(), Unique.tag(), "tg_zzzzzz", null)).isEqualTo(Change.noMatch());
        assertThat(store.replaceSecret(Unique.user(), key.id(), key.digest(), Unique.tag(), "tg_zzzzzz", null)).isEqualTo(Change.noMatch());
        store.revoke(owner, key.id(), T0);
        assertThat(store.replaceSecret(owner, key.id(), key.digest(), Unique.tag(), "tg_zzzzzz", null)).isEqualTo(Change.noMatch());
        assertThat(store.findByDigest(owner.tenant(), key.digest())).isPresent();
    }

    @Test
    void deleteAll_removesEveryKeyOfTheUser_andNoOneElses() {
        ApiKeyRecord mine = key(owner, T0, null, false, null);
        ApiKeyRecord theirs = key(Unique.user(), T0, null, false, null);
        store.create(mine);
        store.create(key(owner, T0, null, false, null));
        store.create(theirs);

        assertThat(store.deleteAll(owner)).isEqualTo(2);

        assertThat(store.list(owner)).isEmpty();
        assertThat(store.findByDigest(owner.tenant(), mine.digest())).isEmpty();
        assertThat(store.findByDigest(theirs.user().tenant(), theirs.digest())).isPresent();
    }

    @Test
    void aDuplicateDigest_isRefused() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);
        ApiKeyRecord clash = new ApiKeyRecord(new ApiKeyId(Unique.uuid()), owner, null, key.digest(), "tg_abcdef", null,
                false, T0, null, null);

        assertThatThrownBy(() -> store.create(clash)).isInstanceOf(RuntimeException.class);
        assertThat(store.findByDigest(owner.tenant(), key.digest())).hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(key.id()));
    }

    @Test
    void ofConcurrentRegenerationsFromOneDigest_exactlyOneWins() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        List<Change> results = Race.run(i -> store.replaceSecret(owner, key.id(), key.digest(), Unique.tag(),
                "tg_race" + (i % 10), null));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
        assertThat(store.findByDigest(owner.tenant(), key.digest())).isEmpty();
    }

    @Test
    void ofConcurrentRevocationsOfOneKey_exactlyOneApplies() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        List<Change> results = Race.run(i -> store.revoke(owner, key.id(), T0.plusMillis(i)));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
    }

    // --- allowed addresses -------------------------------------------------------------------

    @Test
    void aKeysAllowedRanges_roundTrip_inTheirOrder_throughEveryLookup() {
        ApiKeyRecord key = restricted(owner, T0, List.of("203.0.113.0/24", "2001:db8::/32", "198.51.100.7/32"));
        store.create(key);

        assertThat(store.find(owner, key.id())).contains(key);
        assertThat(store.findByDigest(owner.tenant(), key.digest())).contains(key);
        assertThat(store.list(owner)).containsExactly(key);
        assertThat(store.find(owner, key.id())).hasValueSatisfying(found -> assertThat(found.allowedIps())
                .containsExactly("203.0.113.0/24", "2001:db8::/32", "198.51.100.7/32"));
    }

    @Test
    void aKeyCreatedWithoutRanges_worksFromAnywhere() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        assertThat(store.find(owner, key.id())).hasValueSatisfying(found -> assertThat(found.allowedIps()).isEmpty());
        assertThat(store.findByDigest(owner.tenant(), key.digest()))
                .hasValueSatisfying(found -> assertThat(found.allowedIps()).isEmpty());
    }

    @Test
    void restrictAddresses_ofALiveKey_isApplied_andEveryLookupSeesTheRanges() {
        ApiKeyRecord key = key(owner, T0, "sealed", true, T0.plus(Duration.ofDays(90)));
        store.create(key);
        List<String> ranges = List.of("2001:db8:1234::/48", "192.0.2.0/25");

        assertThat(store.restrictAddresses(owner, key.id(), ranges)).isEqualTo(Change.applied());

        ApiKeyRecord expected = withRanges(key, ranges);
        assertThat(store.find(owner, key.id())).contains(expected);
        assertThat(store.findByDigest(owner.tenant(), key.digest())).contains(expected);
        assertThat(store.list(owner)).containsExactly(expected);
    }

    @Test
    void restrictAddresses_replacesTheEarlierRanges_andAnEmptyListLiftsTheRestriction() {
        ApiKeyRecord key = restricted(owner, T0, List.of("203.0.113.0/24"));
        store.create(key);

        assertThat(store.restrictAddresses(owner, key.id(), List.of("198.51.100.0/24"))).isEqualTo(Change.applied());
        assertThat(store.find(owner, key.id())).hasValueSatisfying(
                found -> assertThat(found.allowedIps()).containsExactly("198.51.100.0/24"));

        assertThat(store.restrictAddresses(owner, key.id(), List.of())).isEqualTo(Change.applied());
        assertThat(store.find(owner, key.id())).contains(withRanges(key, List.of()));
    }

    @Test
    void restrictAddresses_ofAnExpiredKeyNotRevoked_isApplied() {
        ApiKeyRecord key = key(owner, T0, null, false, T0.plusSeconds(1));
        store.create(key);

        assertThat(store.restrictAddresses(owner, key.id(), List.of("203.0.113.0/24"))).isEqualTo(Change.applied());

        assertThat(store.find(owner, key.id())).contains(withRanges(key, List.of("203.0.113.0/24")));
    }

    @Test
    void restrictAddresses_ofARevokedKey_isNoMatch_andChangesNothing() {
        ApiKeyRecord key = restricted(owner, T0, List.of("203.0.113.0/24"));
        store.create(key);
        store.revoke(owner, key.id(), T0.plusSeconds(1));
        ApiKeyRecord revoked = store.find(owner, key.id())
                .orElseThrow(() -> new AssertionError("the revoked key " + key.id() + " is not found"));

        assertThat(store.restrictAddresses(owner, key.id(), List.of())).isEqualTo(Change.noMatch());
        assertThat(store.restrictAddresses(owner, key.id(), List.of("192.0.2.0/24"))).isEqualTo(Change.noMatch());

        assertThat(store.find(owner, key.id())).contains(revoked);
        assertThat(revoked.allowedIps()).as("revoking keeps the ranges").containsExactly("203.0.113.0/24");
    }

    @Test
    void restrictAddresses_ofAnotherUsersOrAnUnknownKey_isNoMatch_andChangesNothing() {
        ApiKeyRecord key = key(owner, T0, null, false, null);
        store.create(key);

        assertThat(store.restrictAddresses(Unique.user(), key.id(), List.of("192.0.2.0/24"))).isEqualTo(Change.noMatch());
        assertThat(store.restrictAddresses(UserRef.of(owner.tenant(), Unique.userId()), key.id(), List.of("192.0.2.0/24")))
                .isEqualTo(Change.noMatch());
        assertThat(store.restrictAddresses(owner, new ApiKeyId(Unique.uuid()), List.of("192.0.2.0/24")))
                .isEqualTo(Change.noMatch());

        assertThat(store.find(owner, key.id())).contains(key);
    }

    @Test
    void replacingTheSecret_keepsTheRanges() {
        ApiKeyRecord key = restricted(owner, T0, List.of("203.0.113.0/24", "2001:db8::/32"));
        store.create(key);
        String newDigest = Unique.tag();

        assertThat(store.replaceSecret(owner, key.id(), key.digest(), newDigest, "tg_zzzzzz", null)).isEqualTo(Change.applied());

        assertThat(store.findByDigest(owner.tenant(), newDigest)).hasValueSatisfying(
                found -> assertThat(found.allowedIps()).containsExactly("203.0.113.0/24", "2001:db8::/32"));
    }

    private static ApiKeyRecord restricted(UserRef user, Instant createdAt, List<String> allowedIps) {
        return new ApiKeyRecord(new ApiKeyId(Unique.uuid()), user, "key " + Unique.tag(), Unique.tag(), "tg_abcdef",
                null, false, createdAt, null, null, allowedIps);
    }

    private static ApiKeyRecord withRanges(ApiKeyRecord key, List<String> allowedIps) {
        return new ApiKeyRecord(key.id(), key.user(), key.name(), key.digest(), key.displayPrefix(), key.sealedSecret(),
                key.primary(), key.createdAt(), key.expiresAt(), key.revokedAt(), allowedIps);
    }

    private static ApiKeyRecord key(UserRef user, Instant createdAt, String sealed, boolean primary, Instant expiresAt) {
        return new ApiKeyRecord(new ApiKeyId(Unique.uuid()), user, "key " + Unique.tag(), Unique.tag(), "tg_abcdef",
                sealed, primary, createdAt, expiresAt, null);
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        ApiKeyRecord ofA = key(owner, T0, "sealed", true, null);
        store.create(ofA);
        TenantId b = Unique.tenant();
        UserRef aThroughB = UserRef.of(b, owner.id());

        assertThat(store.findByDigest(b, ofA.digest())).as("tenant B, same digest").isEmpty();
        assertThat(store.find(aThroughB, ofA.id())).isEmpty();
        assertThat(store.list(aThroughB)).isEmpty();
        assertThat(store.revoke(aThroughB, ofA.id(), T0.plusSeconds(1))).isEqualTo(Change.noMatch());
        assertThat(store.replaceSecret(aThroughB, ofA.id(), ofA.digest(), Unique.tag(), "tg_other", null)).isEqualTo(Change.noMatch());
        assertThat(store.restrictAddresses(aThroughB, ofA.id(), List.of("192.0.2.0/24"))).isEqualTo(Change.noMatch());
        assertThat(store.deleteAll(aThroughB)).isZero();
        // tenant B may hold a key of the same digest; each tenant finds its own
        ApiKeyRecord ofB = new ApiKeyRecord(new ApiKeyId(Unique.uuid()), aThroughB, null, ofA.digest(), "tg_bbbbbb", null,
                false, T0, null, null);
        store.create(ofB);
        assertThat(store.findByDigest(b, ofA.digest())).contains(ofB);
        assertThat(store.revoke(aThroughB, ofB.id(), T0.plusSeconds(2))).isEqualTo(Change.applied());
        assertThat(store.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(store.findByDigest(owner.tenant(), ofA.digest())).contains(ofA);
        assertThat(store.find(owner, ofA.id())).contains(ofA);
    }
}
