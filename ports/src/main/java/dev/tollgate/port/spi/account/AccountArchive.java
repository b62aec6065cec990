package dev.tollgate.port.spi.account;

import dev.tollgate.port.UserRef;
import java.util.Optional;

/** The archive of deleted accounts. */
public interface AccountArchive {

    /** Archives the account; archiving the same user again replaces the entry. */
    void archive(ArchivedAccount account);

    Optional<ArchivedAccount> find(UserRef user);
}
