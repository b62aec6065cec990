package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void theDefaultTenant_isCalledDefault() {
        assertThat(TenantId.DEFAULT).isEqualTo(TenantId.of("default"));
        assertThat(TenantId.DEFAULT.toString()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme", "acme-eu_2", "0tenant"})
    void lowerCaseLettersDigitsDashAndUnderscore_makeTenantIds(String id) {
        assertThat(TenantId.of(id).value()).isEqualTo(id);
    }

    @Test
    void sixtyFourCharacters_isTheLongest() {
        assertThat(TenantId.of("t".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> TenantId.of("t".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "_acme", "acme corp", "acme.eu", "acme:1", "äcme", "acme\n"})
    void anythingElse_isRefused_withTheRule(String id) {
        assertThatThrownBy(() -> TenantId.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64 characters");
    }

    @Test
    void null_isRefused() {
        assertThatThrownBy(() -> TenantId.of(null)).isInstanceOf(NullPointerException.class);
    }
}
