package dev.tollgate.adapter.memory.account;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.account.ArchivedAccount;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AccountArchive} in memory. */
public final class InMemoryAccountArchive implements AccountArchive {

    private final Map<UserRef, ArchivedAccount> accounts = new ConcurrentHashMap<>();

    @Override
    public void archive(ArchivedAccount account) {
        Objects.requireNonNull(account, "account");
        accounts.put(account.user(), account);
    }

    @Override
    public Optional<ArchivedAccount> find(UserRef user) {
        return Optional.ofNullable(accounts.get(Objects.requireNonNull(user, "user")));
    }
}
