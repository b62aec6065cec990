package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void applied_andNoMatch_areTheTwoAnswers_equalByKind() {
        assertThat(Change.applied().kind()).isEqualTo(Change.Kind.APPLIED);
        assertThat(Change.noMatch().kind()).isEqualTo(Change.Kind.NO_MATCH);
        assertThat(Change.applied()).isEqualTo(new Change(Change.Kind.APPLIED)).isNotEqualTo(Change.noMatch());
    }

    @Test
    void isApplied_readsTheKind() {
        assertThat(Change.applied().isApplied()).isTrue();
        assertThat(Change.noMatch().isApplied()).isFalse();
    }

    @Test
    void of_turnsWhetherARowChanged_intoTheAnswer() {
        assertThat(Change.of(true)).isEqualTo(Change.applied());
        assertThat(Change.of(false)).isEqualTo(Change.noMatch());
    }

    @Test
    void aChange_hasAKind() {
        assertThatThrownBy(() -> new Change(null)).isInstanceOf(NullPointerException.class);
    }
}
