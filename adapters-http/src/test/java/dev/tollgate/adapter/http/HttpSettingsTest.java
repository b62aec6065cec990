package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void defaults_areLocal_andSafe() {
        HttpSettings defaults = HttpSettings.defaults();
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(defaults.corsEnabled()).isFalse();
        assertThat(defaults.maxBodyBytes()).isEqualTo(65_536);
        assertThat(defaults.metricsEnabled()).isTrue();
        assertThat(defaults.metricsBearerToken()).isEmpty();
        assertThat(defaults.trustForwardedFor()).isFalse();
        assertThat(defaults.serviceBearerToken()).as("no bootstrap service account until a token is set").isEmpty();
        assertThat(defaults.tenantResolution()).isEqualTo(TenantResolution.byHeader());
    }

    @Test
    void theTenantResolution_isKeptByEveryOtherChange_andTheOldConstructorMeansTheHeader() {
        TenantResolution hosts = TenantResolution.byHost(Map.of("api.acme.example", TenantId.of("acme")));
        HttpSettings settings = HttpSettings.defaults().withTenantResolution(hosts).withTenant(TenantId.of("main"))
                .withPort(0).withMetrics(false).withServiceToken(null);

        assertThat(settings.tenantResolution()).isEqualTo(hosts);
        assertThat(settings.tenant()).isEqualTo(TenantId.of("main"));
        assertThat(settings.toString()).contains("tenantResolution=", "api.acme.example");
        HttpSettings old = new HttpSettings("127.0.0.1", 0, TenantId.DEFAULT, List.of(), 65_536, true, null, false,
                Duration.ofSeconds(1), null, false);
        assertThat(old.tenantResolution()).isEqualTo(TenantResolution.byHeader());
        assertThatThrownBy(() -> HttpSettings.defaults().withTenantResolution(null))
                .hasMessageContaining("tenantResolution");
        assertThat(HttpSettings.BOOTSTRAP_SERVICE_ACCOUNT.toString()).isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void invalidSettings_failNamingTheSetting() {
        HttpSettings defaults = HttpSettings.defaults();
        assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withHost(" ")).hasMessageContaining("host");
        assertThatThrownBy(() -> defaults.withCorsOrigins(List.of("https://app.example.com/path")))
                .hasMessageContaining("corsOrigins");
        assertThatThrownBy(() -> defaults.withCorsOrigins(List.of("app.example.com"))).hasMessageContaining("corsOrigins");
        assertThatThrownBy(() -> defaults.withMaxBodyBytes(10)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> defaults.withMetricsToken("short")).hasMessageContaining("metricsToken");
        assertThatThrownBy(() -> new HttpSettings("127.0.0.1", 0, TenantId.DEFAULT, List.of(), 65_536, false,
                "a-long-enough-token-123", false, Duration.ofSeconds(1), null, false)).hasMessageContaining("metrics are disabled");
        assertThatThrownBy(() -> defaults.withShutdownTimeout(Duration.ZERO)).hasMessageContaining("shutdownTimeout");
    }

    @Test
    void aServiceToken_hasAtLeast32VisibleCharacters_andIsNeverEchoed() {
        String shortToken = "s".repeat(31);
        assertThatThrownBy(() -> ServiceToken.of(shortToken)).hasMessageContaining("32")
                .hasMessageNotContaining(shortToken);
        assertThatThrownBy(() -> ServiceToken.of("a service token with spaces in it!!")).hasMessageContaining("spaces");
        assertThat(ServiceToken.of("s".repeat(32))).isEqualTo(ServiceToken.of("s".repeat(32)))
                .isNotEqualTo(ServiceToken.of("t".repeat(32)));
    }

    @Test
    void aServiceToken_isKeptAsItsSha256Digest_andToStringShowsNeither() throws Exception {
        String token = "svc-token-0123456789-abcdefghijklmnop";
        ServiceToken kept = ServiceToken.of(token);
        assertThat(kept.digest()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpSettings settings = HttpSettings.defaults().withServiceToken(kept);
        assertThat(settings.serviceBearerToken()).contains(kept);
        assertThat(settings.toString()).doesNotContain(token).contains("serviceToken=***");
        assertThat(kept.toString()).doesNotContain(token);
        assertThat(settings.withServiceToken(null).serviceBearerToken()).isEmpty();
    }

    @Test
    void toString_hidesTheMetricsToken() {
        assertThat(HttpSettings.defaults().withMetricsToken("a-long-enough-token-123").toString())
                .doesNotContain("a-long-enough-token-123");
    }
}
