package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void parse_trimsAndLowerCases_soOneAddressHasOneForm() {
        assertThat(Email.parse("  Ada.Lovelace@Example.ORG \n")).contains(new Email("ada.lovelace@example.org"));
        assertThat(Email.of("ADA@EXAMPLE.COM")).isEqualTo(Email.of("ada@example.com"));
        assertThat(Email.of("ada+tollgate@mail.example.com").localPart()).isEqualTo("ada+tollgate");
    }

    @Test
    void theConstructor_takesOnlyTheNormalisedForm() {
        assertThatThrownBy(() -> new Email("Ada@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Email(" ada@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Email(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "@example.com", "ada@", "ada@example", "ada@@example.com", "ada@.example.com",
            "ada..lovelace@example.com", ".ada@example.com", "\"ada\"@example.com", "ada@[192.0.2.1]",
            "ada@exa_mple.com", "ada@-example.com", "ada@example.c0m1-", "ad a@example.com", "ada@example.com\u0000",
            "ädä@example.com", "ada@exämple.com"})
    void addressesOutsideThePracticalSubset_areNotAddresses(String raw) {
        assertThat(Email.parse(raw)).isEmpty();
        assertThatThrownBy(() -> Email.of(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLocalPart_isAtMost64Characters_andTheAddressAtMost254() {
        String domain = "@example.com";
        assertThat(Email.parse("a".repeat(64) + domain)).isPresent();
        assertThat(Email.parse("a".repeat(65) + domain)).isEmpty();

        String labels = ("b".repeat(63) + ".").repeat(3); // 192 characters
        String longest = "a".repeat(254 - labels.length() - "@com".length()) + "@" + labels + "com";
        assertThat(longest).hasSize(Email.MAX_LENGTH);
        assertThat(Email.parse(longest)).isPresent();
        assertThat(Email.parse("a" + longest)).isEmpty();
    }

    @Test
    void null_isNoAddress() {
        assertThat(Email.parse(null)).isEmpty();
    }
}
