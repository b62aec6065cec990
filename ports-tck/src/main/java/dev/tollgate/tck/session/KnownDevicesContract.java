package dev.tollgate.tck.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.KnownDevice;
import dev.tollgate.port.spi.session.KnownDevices;
import dev.tollgate.port.spi.session.KnownDevices.Sighting;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KnownDevices}. A store proves itself by extending this class and
 * answering {@link #knownDevices()}, which is called before every test and may answer one store
 * shared by all tests: each test uses fresh users of fresh tenants and fresh digests and never
 * assumes the store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link KnownDevices}, the contract pins these readings: a sighting
 * names a device the first time with {@code firstSeenAt} equal to {@code lastSeenAt}, and a
 * {@code NEW} device comes back exactly as given; a {@code KNOWN} sighting takes the given
 * {@code lastSeenAt}, {@code ip} and {@code userAgent} as they are, nulls included (they
 * describe the newest sign-in); a device is known per user, so the same digest is new for
 * another user; and the same user id under another tenant is another user, with devices of its
 * own. Not pinned: what a sighting older than the device's last one does, what
 * {@code firstSeenAt} a {@code NEW} device keeps when a sighting gives another one than its
 * {@code lastSeenAt}, and the order of devices last seen at the same instant.
 */
public abstract class KnownDevicesContract {

    protected static final Instant T0 = Instant.parse("2025-07-14T07:03:09.901Z");
    /** Threads in the race of one new device. */
    private static final int RACERS = 16;

    private KnownDevices devices;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract KnownDevices knownDevices();

    @BeforeEach
    void setUpKnownDevices() {
        devices = knownDevices();
        user = Unique.user();
    }

    /** A sign-in of {@code owner} from {@code digest} at {@code at}, as a first sighting names it. */
    private static KnownDevice signIn(UserRef owner, String digest, Instant at, String ip, String userAgent) {
        return new KnownDevice(owner, digest, at, at, ip, userAgent);
    }

    private static KnownDevice signIn(UserRef owner, String digest, Instant at) {
        return signIn(owner, digest, at, "203.0.113.9", "Mozilla/5.0 (TCK)");
    }

    private KnownDevice known(UserRef owner, Instant at) {
        KnownDevice device = signIn(owner, Unique.digest(), at);
        assertThat(devices.sighted(device)).as("the first sighting of a fresh device").isEqualTo(Sighting.NEW);
        return device;
    }

    @Test
    void theFirstSightingOfADevice_isNew_andStoresItAsGiven() {
        KnownDevice device = signIn(user, Unique.digest(), T0, "2001:db8::7", "curl/8.5.0");

        assertThat(devices.sighted(device)).isEqualTo(Sighting.NEW);

        assertThat(devices.list(user)).containsExactly(device);
    }

    @Test
    void aFirstSightingWithoutIpOrUserAgent_comesBackWithNulls() {
        KnownDevice device = signIn(user, Unique.digest(), T0, null, null);

        assertThat(devices.sighted(device)).isEqualTo(Sighting.NEW);

        assertThat(devices.list(user)).containsExactly(device);
    }

    @Test
    void aLaterSighting_isKnown_keepsTheFirstSighting_andTakesTheRest() {
        KnownDevice first = known(user, T0);
        Instant later = T0.plusSeconds(3600).plusMillis(3);

        assertThat(devices.sighted(signIn(user, first.deviceDigest(), later, "198.51.100.4", "Firefox/128.0")))
                .isEqualTo(Sighting.KNOWN);

        assertThat(devices.list(user)).containsExactly(
                new KnownDevice(user, first.deviceDigest(), T0, later, "198.51.100.4", "Firefox/128.0"));
    }

    @Test
    void aLaterSightingWithoutIpOrUserAgent_takesTheNulls() {
        KnownDevice first = known(user, T0);
        Instant later = T0.plusSeconds(60);

        assertThat(devices.sighted(signIn(user, first.deviceDigest(), later, null, null))).isEqualTo(Sighting.KNOWN);

        assertThat(devices.list(user)).containsExactly(new KnownDevice(user, first.deviceDigest(), T0, later, null, null));
    }

    @Test
    void aDeviceKnownForOneUser_isNewForAnother() {
        KnownDevice mine = known(user, T0);
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        KnownDevice theirs = signIn(other, mine.deviceDigest(), T0.plusSeconds(5));

        assertThat(devices.sighted(theirs)).isEqualTo(Sighting.NEW);

        assertThat(devices.list(other)).containsExactly(theirs);
        assertThat(devices.list(user)).containsExactly(mine);
    }

    @Test
    void list_answersTheUsersDevices_mostRecentlySeenFirst() {
        KnownDevice oldest = known(user, T0);
        KnownDevice middle = known(user, T0.plusSeconds(10));
        KnownDevice newest = known(user, T0.plusSeconds(20));
        known(Unique.user(), T0.plusSeconds(30));

        assertThat(devices.list(user)).containsExactly(newest, middle, oldest);

        Instant again = T0.plusSeconds(40);
        devices.sighted(signIn(user, oldest.deviceDigest(), again));
        assertThat(devices.list(user)).extracting(KnownDevice::deviceDigest)
                .as("a device seen again comes first")
                .containsExactly(oldest.deviceDigest(), newest.deviceDigest(), middle.deviceDigest());
    }

    @Test
    void list_ofAUserWithoutDevices_isEmpty() {
        known(user, T0);

        assertThat(devices.list(Unique.user())).isEmpty();
        assertThat(devices.list(UserRef.of(user.tenant(), Unique.userId()))).isEmpty();
    }

    @Test
    void deleteAll_forgetsEveryDeviceOfTheUser_andNoOneElses() {
        KnownDevice first = known(user, T0);
        known(user, T0.plusSeconds(1));
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        KnownDevice theirs = known(other, T0);

        assertThat(devices.deleteAll(user)).isEqualTo(2);

        assertThat(devices.list(user)).isEmpty();
        assertThat(devices.list(other)).containsExactly(theirs);
        assertThat(devices.deleteAll(user)).isZero();
        assertThat(devices.sighted(signIn(user, first.deviceDigest(), T0.plusSeconds(60))))
                .as("a forgotten device is new again").isEqualTo(Sighting.NEW);
    }

    @Test
    void ofConcurrentSightingsOfOneNewDevice_exactlyOneIsNew() {
        String digest = Unique.digest();
        List<KnownDevice> sightings = IntStream.range(0, RACERS)
                .mapToObj(i -> signIn(user, digest, T0.plusMillis(i), "192.0.2." + (i + 1), "racer " + i))
                .toList();

        List<Sighting> results = Race.run(RACERS, i -> devices.sighted(sightings.get(i)));

        assertThat(Collections.frequency(results, Sighting.NEW)).isEqualTo(1);
        assertThat(Collections.frequency(results, Sighting.KNOWN)).isEqualTo(RACERS - 1);
        KnownDevice first = sightings.get(results.indexOf(Sighting.NEW));
        assertThat(devices.list(user)).singleElement().satisfies(device -> {
            assertThat(device.deviceDigest()).isEqualTo(digest);
            assertThat(device.firstSeenAt()).as("the NEW sighting's").isEqualTo(first.firstSeenAt());
        });
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        KnownDevice ofA = known(user, T0);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(devices.list(aThroughB)).isEmpty();
        assertThat(devices.deleteAll(aThroughB)).isZero();
        // tenant B's user of the same id meets the same device for the first time
        KnownDevice ofB = signIn(aThroughB, ofA.deviceDigest(), T0.plusSeconds(30), null, "B's browser");
        assertThat(devices.sighted(ofB)).isEqualTo(Sighting.NEW);
        assertThat(devices.list(aThroughB)).containsExactly(ofB);
        assertThat(devices.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(devices.list(user)).containsExactly(ofA);
    }
}
