package dev.tollgate.adapter.sql.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRangeTest {

    @Test
    void theBoundAboveAPrefix_raisesItsLastCodePoint() {
        assertThat(TextRange.above("abc")).contains("abd");
        assertThat(TextRange.above("a_")).contains("a`");
        assertThat(TextRange.above("x%")).contains("x&");
    }

    @Test
    void aLastCodePointBeforeTheSurrogates_isRaisedPastThem() {
        assertThat(TextRange.above("a\uD7FF")).contains("a\uE000");
    }

    @Test
    void aSupplementaryLastCodePoint_isRaisedWhole() {
        assertThat(TextRange.above("a\uD83D\uDE00")).contains("a\uD83D\uDE01");
    }

    @Test
    void trailingHighestCodePoints_areDropped_andWithNothingLeftThereIsNoBound() {
        String highest = Character.toString(Character.MAX_CODE_POINT);
        assertThat(TextRange.above("ab" + highest + highest)).contains("ac");
        assertThat(TextRange.above(highest)).isEmpty();
        assertThat(TextRange.above("")).isEmpty();
    }
}
