package dev.tollgate.port.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.api.Problem.PasswordRejected.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void problemsWithData_keepTheirCode_andTheCodesSentence_whereItShowsNoData() {
        assertThat(Problem.InvalidInput.of("email", "is required")).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.VALIDATION_FAILED, "Some fields are invalid.");
        assertThat(new Problem.AccountLocked(Instant.EPOCH)).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.ACCOUNT_LOCKED,
                        "The account is locked after too many failed logins; try again later.");
        assertThat(new Problem.AccountInactive(AccountStatus.SUSPENDED).code()).isEqualTo(ErrorCode.ACCOUNT_INACTIVE);
        assertThat(new Problem.AccountStateConflict(AccountStatus.ACTIVE).code())
                .isEqualTo(ErrorCode.ACCOUNT_STATE_CONFLICT);
        assertThat(new Problem.RateLimited(Instant.EPOCH, 3)).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.RATE_LIMITED, "Too many requests; try again later.");
        assertThat(new Problem.ServiceBusy(Duration.ofSeconds(1))).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.SERVICE_BUSY, "The service is busy; try again shortly.");
    }

    @Test
    void aRejectedPassword_namesItsFirstBrokenRule() {
        Problem rejected = new Problem.PasswordRejected(List.of(Rule.CONTAINS_EMAIL, Rule.TOO_WEAK));

        assertThat(rejected.code()).isEqualTo(ErrorCode.PASSWORD_REJECTED);
        assertThat(rejected.detail()).isEqualTo("The password was rejected: it contains the email address.");
        assertThat(new Problem.PasswordRejected(List.of(Rule.TOO_SHORT)).detail())
                .isEqualTo("The password was rejected: it is shorter than the minimum length.");
    }

    @Test
    void aWrongCode_saysTheAttemptsLeft_onlyWhenTheCallerMayKnowThem() {
        assertThat(Problem.CodeInvalid.withAttemptsLeft(2).detail()).isEqualTo("The code is wrong; 2 attempts left.");
        assertThat(Problem.CodeInvalid.withAttemptsLeft(1).detail()).isEqualTo("The code is wrong; 1 attempt left.");
        assertThat(Problem.CodeInvalid.withAttemptsLeft(0).detail()).isEqualTo("The code is wrong; 0 attempts left.");
        assertThat(Problem.CodeInvalid.withoutDetail().detail()).isEqualTo("The code is wrong or no longer valid.");
        assertThat(Problem.CodeInvalid.withoutDetail().code()).isEqualTo(ErrorCode.OTP_INVALID);
    }

    @Test
    void meteringProblems_nameTheMeterOrEntitlement() {
        assertThat(new Problem.UnknownMeter("nope").detail()).isEqualTo("No plan has a meter named 'nope'.");
        assertThat(new Problem.InsufficientCredits("credits")).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.INSUFFICIENT_CREDITS, "Too little is left of the meter 'credits' for this cost.");
        assertThat(new Problem.EntitlementMissing("react")).extracting(Problem::code, Problem::detail)
                .containsExactly(ErrorCode.ENTITLEMENT_MISSING, "The plan does not grant 'react'.");
        assertThat(new Problem.UnknownMeter("100%s").detail()).as("data is never a format")
                .isEqualTo("No plan has a meter named '100%s'.");
    }

    @Test
    void theVerificationsRefusals_eachHaveTheirProblem() {
        assertThat(List.of(new Problem.ApiKeyRevoked(), new Problem.ApiKeyExpired(), new Problem.UserInactive(),
                new Problem.MailUndelivered())).extracting(Problem::code).containsExactly(ErrorCode.KEY_REVOKED,
                ErrorCode.KEY_EXPIRED, ErrorCode.USER_INACTIVE, ErrorCode.MAIL_UNDELIVERED);
    }

    @Test
    void invalidProblems_cannotExist() {
        assertThatThrownBy(() -> new Problem.InvalidInput(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Problem.PasswordRejected(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Problem.CodeInvalid(OptionalInt.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Problem.UnknownMeter(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem.InsufficientCredits(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem.EntitlementMissing(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem.RateLimited(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void problemsAreValues() {
        assertThat(new Problem.InvalidToken()).isEqualTo(new Problem.InvalidToken());
        assertThat(new Problem.RateLimited(Instant.EPOCH)).isEqualTo(new Problem.RateLimited(Instant.EPOCH, OptionalInt.empty()));
        assertThat(Problem.InvalidInput.of("a", "b")).isNotEqualTo(Problem.InvalidInput.of("a", "c"));
    }

    @Test
    void everyPasswordRule_describesItselfInLowerCase() {
        for (Rule rule : Rule.values()) {
            assertThat(rule.description()).as(rule.name()).startsWith("it ").doesNotEndWith(".");
        }
    }
}
