package dev.tollgate.port.spi.network;

import dev.tollgate.port.Change;
import dev.tollgate.port.IpRuleId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The IP rules of every tenant and the global ones. Rules are few (staff write them, automatic
 * blocks expire), so every process reads all live ones and judges addresses in memory.
 */
public interface IpRuleStore {

    /** Stores a new rule; its id is new. */
    void create(IpRule rule);

    Optional<IpRule> find(IpRuleId id);

    /** Every rule that applies at {@code now} (not expired), of every tenant and global, oldest first. */
    List<IpRule> live(Instant now);

    /** Removes the rule: {@code APPLIED} when it existed. */
    Change delete(IpRuleId id);

    /** Removes every rule that expired at or before {@code now}; answers how many. */
    int deleteExpired(Instant now);
}
