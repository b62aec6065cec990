package dev.tollgate.core.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Email;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.settings.PasswordPolicySettings;
import dev.tollgate.port.spi.password.StrengthEstimate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final List<List<String>> inputsSeen = new ArrayList<>();
    private final PasswordPolicy policy = new PasswordPolicy(PasswordPolicySettings.DEFAULTS, (password, inputs) -> {
        inputsSeen.add(inputs);
        return new StrengthEstimate(password.startsWith("weak") ? 1 : 4, password.startsWith("common"));
    });
    private final Username username = Username.of("Alice_W");
    private final Email email = Email.of("a.wonder@example.com");

    @Test
    void acceptablePassword_breaksNoRule_andTheEstimatorSeesTheUsersNames() {
        assertThat(policy.violations("plenty-long-and-fine", username, email)).isEmpty();
        assertThat(inputsSeen).containsExactly(List.of("Alice_W", "a.wonder"));
    }

    @Test
    void everyBrokenRule_isNamed() {
        assertThat(policy.violations("weak-alice_w-a.wonder", username, email))
                .containsExactly(PasswordRejected.Rule.CONTAINS_USERNAME, PasswordRejected.Rule.CONTAINS_EMAIL, PasswordRejected.Rule.TOO_WEAK);
        assertThat(policy.violations("common-password", username, email)).containsExactly(PasswordRejected.Rule.COMMON);
    }

    @Test
    void commonScreening_canBeSwitchedOff() {
        PasswordPolicy lenient = new PasswordPolicy(PasswordPolicySettings.DEFAULTS.withRejectCommon(false),
                (password, inputs) -> new StrengthEstimate(4, true));

        assertThat(lenient.violations("common-password", username, email)).isEmpty();
    }

    @Test
    void lengthIsCountedInCodePoints_andLengthFailuresSkipTheEstimator() {
        assertThat(policy.violations("𝒜𝒷𝒸𝒹𝑒𝒻𝑔", username, email)).containsExactly(PasswordRejected.Rule.TOO_SHORT);
        assertThat(policy.violations("𝒜𝒷𝒸𝒹𝑒𝒻𝑔𝒽", username, email)).isEmpty();
        assertThat(policy.violations("x".repeat(129), username, email)).containsExactly(PasswordRejected.Rule.TOO_LONG);
        assertThat(inputsSeen).hasSize(1);
    }

    @Test
    void shortEmailLocalParts_areNotScreened() {
        assertThat(policy.violations("a-fine-password-ab", Username.of("zed"), Email.of("ab@example.com"))).isEmpty();
    }
}
