package dev.tollgate.port.spi.admin;

import java.util.List;

/**
 * Listing users for staff. Answers come from indexed queries: the cost of a page does not grow
 * with how deep it is (keyset pagination), and nothing loads every user.
 */
public interface UserDirectory {

    /**
     * The users matching {@code filter} in {@code order}, strictly after {@code after} (null:
     * from the first), at most {@code limit} (1 to 1,000). Paging through a list while users are
     * added gives no duplicate and no gap among the users that existed at the start.
     */
    List<DirectoryEntry> search(UserFilter filter, UserOrder order, UserPosition after, int limit);

    /** How many users match {@code filter}. */
    long count(UserFilter filter);
}
