package dev.tollgate.port.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static final Problem TAKEN = new Problem.UsernameTaken();

    @Test
    void aDoneOutcome_givesItsValue_andHasNoProblem() {
        Outcome<String> done = Outcome.done("ada");

        assertThat(done.isDone()).isTrue();
        assertThat(done.orElseThrow()).isEqualTo("ada");
        assertThat(done).isEqualTo(new Outcome.Done<>("ada"));
        assertThatThrownBy(done::problem).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Outcome.done(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRefusedOutcome_givesItsProblem_orThrowsItWhenAskedForTheValue() {
        Outcome<String> refused = Outcome.refused(TAKEN);

        assertThat(refused.isDone()).isFalse();
        assertThat(refused.problem()).isEqualTo(TAKEN);
        assertThat(refused).isInstanceOf(Outcome.Refused.class).isEqualTo(new Outcome.Refusal<>(TAKEN))
                .hasSameHashCodeAs(new Outcome.Refusal<>(TAKEN)).isNotEqualTo(Outcome.refused(new Problem.EmailTaken()));
        assertThat(refused).hasToString("Refusal[problem=UsernameTaken[]]");
        assertThatThrownBy(refused::orElseThrow).isInstanceOfSatisfying(RefusedException.class,
                thrown -> {
                    assertThat(thrown.problem()).isEqualTo(TAKEN);
                    assertThat(thrown).hasMessage("USERNAME_TAKEN: This username is taken.");
                });
        assertThatThrownBy(() -> Outcome.refused(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mapAndFlatMap_runOnlyOnADoneOutcome() {
        assertThat(Outcome.done(2).map(n -> n * 3)).isEqualTo(Outcome.done(6));
        assertThat(Outcome.done(2).flatMap(n -> Outcome.<Integer>refused(TAKEN))).isEqualTo(Outcome.refused(TAKEN));
        assertThat(Outcome.<Integer>refused(TAKEN).map(n -> {
            throw new AssertionError("not called");
        })).isEqualTo(Outcome.refused(TAKEN));
        assertThat(Outcome.<Integer>refused(TAKEN).flatMap(n -> {
            throw new AssertionError("not called");
        })).isEqualTo(Outcome.refused(TAKEN));
    }

    @Test
    void aRefusalThatSaysMore_isStillARefusal_butNotEqualToAPlainOne() {
        Outcome<String> detailed = new Detailed(TAKEN, "ada");

        assertThat(detailed.isDone()).isFalse();
        assertThat(detailed.problem()).isEqualTo(TAKEN);
        assertThat(detailed).isInstanceOf(Outcome.Refused.class).isNotEqualTo(Outcome.refused(TAKEN))
                .isEqualTo(new Detailed(TAKEN, "ada"));
        assertThat(detailed.map(String::length)).as("mapping keeps the problem, not the extra")
                .isEqualTo(Outcome.refused(TAKEN));
    }

    private record Detailed(Problem problem, String taken) implements Outcome.Refused<String> {
    }
}
