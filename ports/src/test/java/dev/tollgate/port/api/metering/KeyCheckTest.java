package dev.tollgate.port.api.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCheckTest {

    private static final String KEY = "tg_secret-key-material";

    @Test
    void theCheckWithoutRequestIdOrTags_isAsBefore() {
        KeyCheck check = new KeyCheck(TenantId.DEFAULT, KEY, null, 3, "bpe", RequestContext.NONE);

        assertThat(check.requestId()).isNull();
        assertThat(check.tags()).isEmpty();
        assertThat(check.meter()).isEqualTo(KeyCheck.DEFAULT_METER);
        assertThat(KeyCheck.of(TenantId.DEFAULT, KEY).withRequestId("r").withMeter("credits", 2).requiring("x")
                .requestId()).isEqualTo("r");
    }

    @Test
    void tagsAreCopied_nullsKeptForTheUseCaseToRefuse_andToStringShowsNoKeyNorTagValues() {
        Map<String, String> tags = new HashMap<>();
        tags.put("model", "private prompt text");
        tags.put("tokens", null);

        KeyCheck check = KeyCheck.of(TenantId.DEFAULT, KEY).withTags(tags);
        tags.clear();

        assertThat(check.tags()).containsEntry("tokens", null).hasSize(2);
        assertThat(check.toString()).doesNotContain(KEY, "private prompt text").contains("model", "key=***");
    }
}
