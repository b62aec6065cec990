package dev.tollgate.port;

import java.util.Objects;
import java.util.UUID;

/** An IP rule's identity: a time-ordered UUID. */
public record IpRuleId(UUID value) {

    public IpRuleId {
        Objects.requireNonNull(value, "ip rule id");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} when malformed. */
    public static IpRuleId parse(String text) {
        return new IpRuleId(UUID.fromString(Objects.requireNonNull(text, "ip rule id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
