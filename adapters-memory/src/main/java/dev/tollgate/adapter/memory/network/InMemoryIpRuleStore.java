package dev.tollgate.adapter.memory.network;

import dev.tollgate.port.Change;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link IpRuleStore} in memory. One lock guards the rules of every tenant and the global ones. */
public final class InMemoryIpRuleStore implements IpRuleStore {

    private static final Comparator<IpRule> OLDEST_FIRST =
            Comparator.comparing(IpRule::createdAt).thenComparing(rule -> rule.id().value());

    private final Object lock = new Object();
    private final Map<IpRuleId, IpRule> rules = new HashMap<>();

    @Override
    public void create(IpRule rule) {
        Objects.requireNonNull(rule, "rule");
        synchronized (lock) {
            if (rules.putIfAbsent(rule.id(), rule) != null) {
                throw new IllegalArgumentException("ip rule " + rule.id() + " exists already");
            }
        }
    }

    @Override
    public Optional<IpRule> find(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            return Optional.ofNullable(rules.get(id));
        }
    }

    @Override
    public List<IpRule> live(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            return rules.values().stream().filter(rule -> rule.liveAt(now)).sorted(OLDEST_FIRST).toList();
        }
    }

    @Override
    public Change delete(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            return Change.of(rules.remove(id) != null);
        }
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            int before = rules.size();
            rules.values().removeIf(rule -> !rule.liveAt(now));
            return before - rules.size();
        }
    }
}
