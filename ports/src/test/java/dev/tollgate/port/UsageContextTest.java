package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UsageContextTest {

    @Test
    void tagsAreKeptInNameOrder_andCannotBeChanged() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("tokens", "812");
        given.put("model", "gpt-5");

        UsageContext context = UsageContext.of("req-1", given);
        given.put("later", "x");

        assertThat(context.tags().keySet()).containsExactly("model", "tokens");
        assertThat(context.requestId()).contains("req-1");
        assertThatThrownBy(() -> context.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(context).isEqualTo(UsageContext.of("req-1", Map.of("model", "gpt-5", "tokens", "812")));
    }

    @Test
    void nothingGiven_isNone() {
        assertThat(UsageContext.of(null, null)).isSameAs(UsageContext.NONE);
        assertThat(UsageContext.of(null, Map.of())).isSameAs(UsageContext.NONE);
        assertThat(UsageContext.NONE.none()).isTrue();
        assertThat(UsageContext.of("r", null).none()).isFalse();
    }

    @Test
    void theBoundsThemselves_areAccepted() {
        Map<String, String> eight = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            eight.put("t" + i, "v".repeat(60));
        }
        eight.put("z" + "9".repeat(31), "🙂".repeat(UsageContext.MAX_TAG_VALUE));

        assertThat(UsageContext.violation("~".repeat(UsageContext.MAX_REQUEST_ID), eight)).isEmpty();
        assertThat(UsageContext.violation("!", Map.of("a", "x"))).isEmpty();
    }

    @Test
    void eachRule_namesItsField_withoutRepeatingTheText() {
        assertThat(UsageContext.violation("", null)).map(UsageContext.Violation::field).contains("request_id");
        assertThat(UsageContext.violation("secret token", null)).hasValueSatisfying(violation -> {
            assertThat(violation.field()).isEqualTo("request_id");
            assertThat(violation.message()).doesNotContain("secret");
        });
        assertThat(UsageContext.violation(null, Map.of("Model", "x"))).map(UsageContext.Violation::field).contains("tags");
        assertThat(UsageContext.violation(null, Map.of("model", "\u007f"))).map(UsageContext.Violation::field)
                .contains("tags.model");
        assertThat(UsageContext.violation(null, Map.of("model", "\u0085 next line"))).isPresent();
        assertThat(UsageContext.violation(null, Map.of("model", "x\uDBFF"))).isPresent();
        assertThatThrownBy(() -> new UsageContext(Optional.of("a b"), new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("request_id");
        assertThatThrownBy(() -> UsageContext.of(null, Map.of("model", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tags.model");
    }
}
