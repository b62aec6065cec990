package dev.tollgate.core.network;

import dev.tollgate.core.address.IpRange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.spi.network.IpRule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrefixTableTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final PrefixTable table = new PrefixTable();

    private void add(String cidr, IpRule.Action action, Instant expiresAt) {
        table.add(IpRange.parse(cidr).range(), action, expiresAt);
    }

    private PrefixTable.Match match(String address, Instant at) {
        return table.match(IpRange.address(address).orElseThrow(), at);
    }

    @Test
    void theMostSpecificRuleDecides_inBothDirections() {
        add("10.0.0.0/8", IpRule.Action.DENY, null);
        add("10.1.0.0/16", IpRule.Action.ALLOW, null);
        add("10.1.2.3", IpRule.Action.DENY, null);

        assertThat(match("10.9.9.9", NOW).deny()).isTrue();
        assertThat(match("10.1.9.9", NOW).deny()).as("the allowed /16 inside the denied /8").isFalse();
        assertThat(match("10.1.2.3", NOW).deny()).as("the denied address inside the allowed /16").isTrue();
        assertThat(match("11.0.0.1", NOW)).isNull();
    }

    @Test
    void denyWinsATieOfTheSamePrefix() {
        add("2001:db8::/32", IpRule.Action.ALLOW, null);
        add("2001:db8::/32", IpRule.Action.DENY, null);

        assertThat(match("2001:db8::1", NOW).deny()).isTrue();
    }

    @Test
    void aRuleStopsAtItsExpiry_theInstantItselfIncluded() {
        Instant end = NOW.plusSeconds(60);
        add("203.0.113.0/24", IpRule.Action.DENY, end);

        assertThat(match("203.0.113.1", end.minusMillis(1))).isNotNull();
        assertThat(match("203.0.113.1", end)).isNull();
    }

    @Test
    void ofTwoRulesOfOneRange_theLaterExpiryHolds() {
        add("203.0.113.0/24", IpRule.Action.DENY, NOW.plusSeconds(60));
        add("203.0.113.0/24", IpRule.Action.DENY, NOW.plusSeconds(600));
        add("203.0.113.0/24", IpRule.Action.DENY, NOW.plusSeconds(30));

        assertThat(match("203.0.113.1", NOW.plusSeconds(599))).isNotNull();
        assertThat(match("203.0.113.1", NOW.plusSeconds(600))).isNull();
    }

    @Test
    void anExpiredSpecificRule_letsTheBroaderOneDecide() {
        add("10.0.0.0/8", IpRule.Action.DENY, null);
        add("10.1.0.0/16", IpRule.Action.ALLOW, NOW.plusSeconds(10));

        assertThat(match("10.1.0.1", NOW).deny()).isFalse();
        assertThat(match("10.1.0.1", NOW.plusSeconds(10)).deny()).isTrue();
    }

    @Test
    void aZeroPrefixMatchesEverything_andAFullOneOnlyItsAddress() {
        add("::/0", IpRule.Action.ALLOW, null);
        add("2001:db8::1", IpRule.Action.DENY, null);

        assertThat(match("198.51.100.1", NOW).prefix()).isZero();
        assertThat(match("2001:db8::1", NOW)).isEqualTo(new PrefixTable.Match(128, true));
        assertThat(match("2001:db8::2", NOW).deny()).isFalse();
    }
}
