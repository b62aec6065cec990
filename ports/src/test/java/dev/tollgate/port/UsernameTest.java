package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @Test
    void aUsername_keepsItsCase_andComparesByItsCanonicalForm() {
        Username ada = Username.of("Ada.Lovelace_1815");

        assertThat(ada.value()).isEqualTo("Ada.Lovelace_1815");
        assertThat(ada.canonical()).isEqualTo("ada.lovelace_1815");
        assertThat(Username.of("ADA-l").canonical()).isEqualTo(Username.of("ada-L").canonical());
        assertThat(Username.of("ADA-l")).isNotEqualTo(Username.of("ada-L"));
    }

    @Test
    void threeToThirtyTwoCharacters_areUsernames() {
        assertThat(Username.parse("abc")).isPresent();
        assertThat(Username.parse("a".repeat(Username.MAX_LENGTH))).isPresent();
        assertThat(Username.parse("ab")).isEmpty();
        assertThat(Username.parse("a".repeat(Username.MAX_LENGTH + 1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada lovelace", "ada@example", "ädä", "ada\u0000x", "ada\n", "\u0130stanbul", "ada/../x",
            "ada\ud83d\ude00"})
    void anythingButAsciiLettersDigitsAndUnderscoreDashDot_isRefused(String raw) {
        assertThat(Username.parse(raw)).isEmpty();
        assertThatThrownBy(() -> Username.of(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-32 characters");
    }

    @Test
    void null_isNoUsername() {
        assertThat(Username.parse(null)).isEmpty();
        assertThatThrownBy(() -> Username.of(null)).isInstanceOf(NullPointerException.class);
    }
}
