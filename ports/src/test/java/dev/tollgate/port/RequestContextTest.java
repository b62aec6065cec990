package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void blankParts_areUnknown() {
        assertThat(RequestContext.of(" ", "")).isEqualTo(RequestContext.NONE);
        assertThat(RequestContext.of(null, null).ip()).isNull();
    }

    @Test
    void longParts_areCutToSaneLengths() {
        RequestContext context = RequestContext.of("1".repeat(100), "u".repeat(1000));

        assertThat(context.ip()).hasSize(64);
        assertThat(context.userAgent()).hasSize(512);
        assertThat(RequestContext.of("203.0.113.7", "JUnit/6")).isEqualTo(new RequestContext("203.0.113.7", "JUnit/6"));
    }

    @Test
    void theCut_neverSplitsACharacterOutsideTheBasicPlane() {
        // 511 characters, then U+1F600 (two UTF-16 units): a cut at 512 units would keep half of it
        String agent = "u".repeat(511) + "\ud83d\ude00" + "tail";

        String kept = RequestContext.of(null, agent).userAgent();

        assertThat(kept).isEqualTo("u".repeat(511));
        assertThat(kept.chars().noneMatch(unit -> Character.isSurrogate((char) unit))).isTrue();
        assertThat(RequestContext.of(null, "u".repeat(510) + "\ud83d\ude00" + "tail").userAgent())
                .endsWith("\ud83d\ude00").hasSize(512);
    }
}
