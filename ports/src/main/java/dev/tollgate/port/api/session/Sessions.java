package dev.tollgate.port.api.session;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import java.util.List;

/** Logging in, authenticating requests, refreshing and ending sessions. */
public interface Sessions {

    /**
     * Checks the login and password and opens a session. An unknown login and a wrong password
     * are refused alike, with {@code INVALID_CREDENTIALS}, after the same work. Also refused
     * with {@code ACCOUNT_LOCKED} (after too many failures), {@code ACCOUNT_INACTIVE},
     * {@code EMAIL_UNVERIFIED} (when the settings require verification) or
     * {@code SERVICE_BUSY}. A right password does not open a session when more is needed:
     * {@code MFA_REQUIRED} carries the challenge for {@link #completeMfa},
     * {@code MFA_ENROLMENT_REQUIRED} the one for {@link #enrolAtLogin}, and
     * {@code PASSWORD_EXPIRED} the token for {@link #changeExpiredPassword}.
     */
    Outcome<SessionTokens> login(Login login);

    /**
     * The login's second step: a code of the authenticator app (one step early or late, each
     * code once) or a recovery code, with the challenge of the first step (single use, lasting
     * the settings' challenge lifetime). When the factor was enrolled during this login, the
     * code confirms it and the answer carries the recovery codes. Refused with
     * {@code INVALID_TOKEN} (unknown or expired challenge), {@code MFA_CODE_INVALID} (with the
     * attempts left), {@code MFA_LOCKED}, {@code VALIDATION_FAILED}, or, after it,
     * {@code PASSWORD_EXPIRED} like {@link #login}.
     */
    Outcome<SessionTokens> completeMfa(MfaLogin login);

    /**
     * Starts enrolling a second factor with the challenge of a login that answered
     * {@code MFA_ENROLMENT_REQUIRED}; {@link #completeMfa} with a code then confirms it and opens
     * the session. Refused with {@code INVALID_TOKEN} or {@code MFA_UNAVAILABLE}.
     */
    Outcome<TotpEnrolment> enrolAtLogin(TenantId tenant, String challenge, RequestContext context);

    /**
     * Sets a new password with the token of a login that answered {@code PASSWORD_EXPIRED}
     * (single use) and opens the session. Refused with {@code INVALID_TOKEN},
     * {@code PASSWORD_REJECTED} or {@code PASSWORD_REUSED}.
     */
    Outcome<SessionTokens> changeExpiredPassword(ExpiredPasswordChange change);

    /** The devices the user signed in from, the most recently seen first. */
    List<DeviceView> devices(UserRef user);

    /**
     * Exchanges a refresh token for a new pair; the presented one stops working. Presenting a
     * refresh token that was already exchanged ends the whole session
     * ({@code REFRESH_TOKEN_REUSED}). Unknown, expired or revoked: {@code INVALID_TOKEN}. Only
     * sessions of {@code tenant} are considered: a token of another tenant is unknown.
     */
    Outcome<SessionTokens> refresh(TenantId tenant, String refreshToken, RequestContext context);

    /**
     * Who an access token presented to {@code tenant} belongs to. Refused with
     * {@code INVALID_TOKEN} when it is unknown (a token of another tenant is), expired, idle too
     * long or revoked, or its user may no longer use sessions.
     */
    Outcome<Principal> authenticate(TenantId tenant, String accessToken);

    /** Ends the session the principal authenticated with. */
    void logout(Principal principal, RequestContext context);

    /** Ends every session of the user; answers how many were live. */
    int logoutEverywhere(UserRef user, RequestContext context);

    /** The user's live sessions, newest first. */
    List<SessionView> list(UserRef user);

    /** Ends one of the user's sessions; {@code SESSION_NOT_FOUND} when it is not theirs or not live. */
    Outcome<SessionView> revoke(UserRef user, SessionId session, RequestContext context);
}
