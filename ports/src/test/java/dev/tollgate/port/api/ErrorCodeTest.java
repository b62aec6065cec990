package dev.tollgate.port.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCode_hasItsOwnProblem_andEveryProblem_itsOwnCode() {
        Set<Class<?>> problems = Arrays.stream(Problem.class.getPermittedSubclasses()).collect(Collectors.toSet());

        assertThat(Arrays.stream(ErrorCode.values()).<Class<?>>map(ErrorCode::problem)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(problems);
    }

    @Test
    void aProblemWithoutData_answersTheCodeThatNamesItsType_andTheCodesSentence() throws Exception {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.problem().getRecordComponents().length == 0) {
                Problem problem = code.problem().getDeclaredConstructor().newInstance();

                assertThat(problem.code()).isEqualTo(code);
                assertThat(problem.detail()).isEqualTo(code.detail());
            }
        }
    }

    @Test
    void theSentences_areThoseClientsKnow() {
        Map<ErrorCode, String> known = new EnumMap<>(ErrorCode.class);
        known.put(ErrorCode.VALIDATION_FAILED, "Some fields are invalid.");
        known.put(ErrorCode.PASSWORD_REJECTED, "The password was rejected: %s.");
        known.put(ErrorCode.USERNAME_TAKEN, "This username is taken.");
        known.put(ErrorCode.EMAIL_TAKEN, "This email address is in use.");
        known.put(ErrorCode.INVALID_CREDENTIALS, "The login or password is wrong.");
        known.put(ErrorCode.ACCOUNT_LOCKED, "The account is locked after too many failed logins; try again later.");
        known.put(ErrorCode.ACCOUNT_INACTIVE, "The account is not active.");
        known.put(ErrorCode.EMAIL_UNVERIFIED, "The email address is not verified yet.");
        known.put(ErrorCode.EMAIL_ALREADY_VERIFIED, "The email address is already verified.");
        known.put(ErrorCode.INVALID_TOKEN, "The token is invalid or expired.");
        known.put(ErrorCode.REFRESH_TOKEN_REUSED, "The refresh token was already used; the session has been ended.");
        known.put(ErrorCode.OTP_INVALID, "The code is wrong or no longer valid.");
        known.put(ErrorCode.OTP_EXPIRED, "The code has expired; request a new one.");
        known.put(ErrorCode.OTP_ATTEMPTS_EXHAUSTED, "Too many wrong attempts; request a new code.");
        known.put(ErrorCode.OTP_NOT_FOUND, "No code is pending; request one first.");
        known.put(ErrorCode.RATE_LIMITED, "Too many requests; try again later.");
        known.put(ErrorCode.USER_NOT_FOUND, "No such user.");
        known.put(ErrorCode.SESSION_NOT_FOUND, "No such session.");
        known.put(ErrorCode.ACCOUNT_STATE_CONFLICT, "The account's status does not allow this change.");
        known.put(ErrorCode.MAIL_UNDELIVERED, "The mail could not be delivered; try again later.");
        known.put(ErrorCode.KEY_NOT_FOUND, "No such API key.");
        known.put(ErrorCode.KEY_NOT_RECOVERABLE, "This key cannot be shown again; regenerate it for a new one.");
        known.put(ErrorCode.KEY_REVOKED, "The API key has been revoked.");
        known.put(ErrorCode.KEY_EXPIRED, "The API key has expired.");
        known.put(ErrorCode.USER_INACTIVE, "The account that owns the key is not active.");
        known.put(ErrorCode.ENTITLEMENT_MISSING, "The plan does not grant '%s'.");
        known.put(ErrorCode.INSUFFICIENT_CREDITS, "Too little is left of the meter '%s' for this cost.");
        known.put(ErrorCode.UNKNOWN_METER, "No plan has a meter named '%s'.");
        known.put(ErrorCode.SERVICE_BUSY, "The service is busy; try again shortly.");
        known.put(ErrorCode.PERMISSION_DENIED, "You are not allowed to do this.");
        known.put(ErrorCode.TENANT_NOT_FOUND, "No such tenant.");
        known.put(ErrorCode.TENANT_DISABLED, "The tenant is disabled.");
        known.put(ErrorCode.TENANT_TAKEN, "A tenant with this id exists.");
        known.put(ErrorCode.STAFF_NOT_FOUND, "This user holds no staff role.");
        known.put(ErrorCode.ALREADY_STAFF, "This user already holds a staff role.");
        known.put(ErrorCode.LAST_SUPER_ADMIN, "The last super admin cannot be removed or demoted.");
        known.put(ErrorCode.SERVICE_ACCOUNT_NOT_FOUND, "No such service account.");
        known.put(ErrorCode.SETUP_UNAVAILABLE, "The first super admin exists already; setup is closed.");
        known.put(ErrorCode.MFA_REQUIRED, "The password is right; now give a code of your authenticator app.");
        known.put(ErrorCode.MFA_ENROLMENT_REQUIRED, "This account must use a second factor; enrol an authenticator app to log in.");
        known.put(ErrorCode.MFA_CODE_INVALID, "The code is wrong or was used already.");
        known.put(ErrorCode.MFA_LOCKED, "Too many wrong codes; the second step is locked for a while.");
        known.put(ErrorCode.MFA_ALREADY_ENABLED, "A second factor is enabled already; disable it first.");
        known.put(ErrorCode.MFA_NOT_ENABLED, "No second factor is enabled.");
        known.put(ErrorCode.MFA_UNAVAILABLE, "Second factors need a master key, and this server has none configured.");
        known.put(ErrorCode.PASSWORD_REUSED, "This password was used recently; choose another.");
        known.put(ErrorCode.PASSWORD_EXPIRED, "The password has expired; set a new one.");
        known.put(ErrorCode.KEY_IP_NOT_ALLOWED, "The API key may not be used from this address.");
        known.put(ErrorCode.IP_BLOCKED, "Requests from this address are not allowed.");
        known.put(ErrorCode.IP_RULE_NOT_FOUND, "No such IP rule.");

        assertThat(known.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        known.forEach((code, detail) -> assertThat(code.detail()).as(code.name()).isEqualTo(detail));
    }

    @Test
    void aSentence_showsAtMostOnePieceOfData() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.detail().split("%s", -1).length).as(code.name()).isLessThanOrEqualTo(2);
            assertThat(code.detail()).as(code.name()).endsWith(".").doesNotContain("%d");
        }
    }
}
