package dev.tollgate.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    private static IpRange range(String text) {
        IpRange.Parsed parsed = IpRange.parse(text);
        assertThat(parsed.valid()).as(text + ": " + parsed.error()).isTrue();
        return parsed.range();
    }

    private static boolean contains(String range, String address) {
        return range(range).contains(IpRange.address(address).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0/24",
            "198.51.100.7, 198.51.100.7/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:DB8::/32, 2001:db8::/32",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
            "::1, ::1/128",
            "::, ::/128",
            "::/0, ::/0",
            "::ffff:203.0.113.9, 203.0.113.9/32",
            "fe80::1:2:3:4/64, fe80::/64",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1/128"})
    void parsesAndNormalises(String text, String normalised) {
        if (text.equals("fe80::1:2:3:4/64")) {
            // bits below the prefix: refused, with the range that was meant
            assertThat(IpRange.parse(text).error()).contains("did you mean fe80::/64");
            return;
        }
        assertThat(range(text).text()).isEqualTo(normalised);
        assertThat(range(normalised).text()).as("normalising is stable").isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-1", "1.2.3.4/33", "1.2.3.4/024",
            "1.2.3.4/", "::1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "[::1]", "2001:db8::/129",
            "12345::", "g::", "\u0661::1", "1.2.3.4::", "1.2.3.4::1", "localhost", "example.com", "1.2.3.4 ",
            " ::1/200", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4"})
    void refusesWhatIsNoAddressOrRange(String text) {
        if (text.equals("1.2.3.4 ")) {
            assertThat(IpRange.parse(text).valid()).as("surrounding spaces are dropped").isTrue();
            return;
        }
        assertThat(IpRange.parse(text).valid()).as(text).isFalse();
    }

    @Test
    void anAddressIsNeverLookedUp_hostNamesAreNoAddresses() {
        assertThat(IpRange.address("localhost")).isEmpty();
        assertThat(IpRange.address("1.1.1.1.in-addr.arpa")).isEmpty();
        assertThat(IpRange.address(null)).isEmpty();
    }

    @Test
    void ipv4Edges_theFirstAndLastAddressAreIn_theNeighboursAreOut() {
        assertThat(contains("203.0.113.0/24", "203.0.113.0")).isTrue();
        assertThat(contains("203.0.113.0/24", "203.0.113.255")).isTrue();
        assertThat(contains("203.0.113.0/24", "203.0.112.255")).isFalse();
        assertThat(contains("203.0.113.0/24", "203.0.114.0")).isFalse();
        assertThat(contains("10.0.0.0/8", "10.255.255.255")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.0")).isFalse();
        assertThat(contains("198.51.100.7/32", "198.51.100.7")).isTrue();
        assertThat(contains("198.51.100.7/32", "198.51.100.6")).isFalse();
        assertThat(contains("0.0.0.0/0", "255.255.255.255")).isTrue();
        assertThat(contains("0.0.0.0/0", "::1")).as("an IPv4 /0 holds no IPv6 address").isFalse();
    }

    @Test
    void ipv6Edges_theFirstAndLastAddressAreIn_theNeighboursAreOut() {
        assertThat(contains("2001:db8::/32", "2001:db8::")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(contains("2001:db8::/32", "2001:db9::")).isFalse();
        assertThat(contains("2001:db8:abcd:12::/63", "2001:db8:abcd:13:ffff::1")).isTrue();
        assertThat(contains("2001:db8:abcd:12::/63", "2001:db8:abcd:14::")).isFalse();
        assertThat(contains("::/0", "203.0.113.1")).as("IPv4 lives inside the IPv6 space").isTrue();
    }

    @Test
    void anIpv4MappedAddress_isTheIpv4AddressItMaps() {
        assertThat(contains("203.0.113.0/24", "::ffff:203.0.113.77")).isTrue();
        assertThat(contains("::ffff:203.0.113.0/120", "203.0.113.77")).isTrue();
        assertThat(range("::ffff:203.0.113.0/120").text()).isEqualTo("203.0.113.0/24");
    }

    @Test
    void anyContains_judgesAKeysRanges_andNeverMatchesAnUnknownAddress() {
        List<String> ranges = List.of("203.0.113.0/24", "2001:db8::/32");
        assertThat(IpRange.anyContains(ranges, "203.0.113.9")).isTrue();
        assertThat(IpRange.anyContains(ranges, "2001:db8::9")).isTrue();
        assertThat(IpRange.anyContains(ranges, "198.51.100.1")).isFalse();
        assertThat(IpRange.anyContains(ranges, null)).isFalse();
        assertThat(IpRange.anyContains(ranges, "not-an-address")).isFalse();
        assertThat(IpRange.anyContains(List.of("garbage"), "203.0.113.9")).isFalse();
    }
}
