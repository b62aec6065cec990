package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Profile;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.spi.user.UserStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two partial profile updates racing each other both land: neither overwrites the other's field. */
class ProfileRaceTest {

    @Test
    void anUpdateThatLosesTheRace_isMergedIntoTheWinnersProfile() {
        CoreFixture fixture = new CoreFixture();
        UserRef user = fixture.register("rita").user().ref();
        AtomicBoolean raced = new AtomicBoolean();
        // a store whose first profile write is overtaken by another writer setting the hobbies
        UserStore racing = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateProfile") && raced.compareAndSet(false, true)) {
                        Profile current = fixture.users.findById(user).orElseThrow().profile();
                        Instant read = (Instant) args[2];
                        fixture.users.updateProfile(user, new Profile(current.name(), current.aboutMe(),
                                List.of("sailing"), current.accountType()), read, read.plusSeconds(1));
                    }
                    return method.invoke(fixture.users, args);
                });
        CoreServices core = new CoreServices(fixture.dependencies(fixture.stores().withUsers(racing),
                fixture.usageSink, Runnable::run, fixture.settings, null));

        var updated = core.profiles().update(user, ProfileUpdate.none().withName("Rita R."), ORIGIN).orElseThrow();

        assertThat(raced).isTrue();
        assertThat(updated.profile().name()).isEqualTo("Rita R.");
        assertThat(updated.profile().hobbies()).containsExactly("sailing");
    }
}
