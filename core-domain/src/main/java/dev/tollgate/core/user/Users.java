package dev.tollgate.core.user;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.spi.user.UserStore;
import java.util.Objects;
import java.util.Optional;

/** Loading users from the store as aggregates. */
public final class Users {

    private final UserStore store;

    public Users(UserStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Outcome<User> load(UserRef ref) {
        return store.findById(ref).map(User::restore).<Outcome<User>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(new Problem.UserNotFound()));
    }

    /** The user whose username (any case) or email address is {@code login}, if any. */
    public Optional<User> findByLogin(TenantId tenant, String login) {
        if (login == null) {
            return Optional.empty();
        }
        if (login.indexOf('@') >= 0) {
            return Email.parse(login).flatMap(email -> store.findByEmail(tenant, email)).map(User::restore);
        }
        return Username.parse(login.strip()).flatMap(name -> store.findByUsername(tenant, name)).map(User::restore);
    }

    public UserStore store() {
        return store;
    }
}
