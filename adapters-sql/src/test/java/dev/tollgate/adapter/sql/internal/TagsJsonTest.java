package dev.tollgate.adapter.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TagsJsonTest {

    @Test
    void tagsAreWrittenInNameOrder_escapingQuotesAndBackslashes_andReadBack() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("tokens", "812", "model", "say \"hi\" \\ 日本 🙂", "a", "/"));

        String json = TagsJson.write(tags);

        assertThat(json).isEqualTo("{\"a\":\"/\",\"model\":\"say \\\"hi\\\" \\\\ 日本 🙂\",\"tokens\":\"812\"}");
        assertThat(TagsJson.read(json)).isEqualTo(tags);
    }

    @Test
    void noTags_areSqlNull_andNullReadsAsNone() {
        assertThat(TagsJson.write(Map.of())).isNull();
        assertThat(TagsJson.read(null)).isEmpty();
        assertThat(TagsJson.read(" { } ")).isEmpty();
    }

    @Test
    void whitespaceAndEscapesADatabaseMayWrite_areRead() {
        assertThat(TagsJson.read("{ \"m\" : \"\\u00e9\\n\\/\" , \"n\":\"x\" }"))
                .containsExactly(Map.entry("m", "é\n/"), Map.entry("n", "x"));
    }

    @Test
    void textThatIsNoFlatObjectOfStrings_isRefused() {
        for (String bad : new String[] {"", "[]", "{\"m\":1}", "{\"m\":\"x\"", "{\"m\":\"x\"} x", "{\"m\":\"\\u12\"}",
                "{\"m\":\"\\u+123\"}", "{\"m\":\"\\q\"}", "{\"m\":\"a\",\"m\":\"b\"}", "{m:\"x\"}"}) {
            assertThatThrownBy(() -> TagsJson.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
