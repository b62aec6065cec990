package dev.tollgate.adapter.smtp;

import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The wording of every mail Tollgate sends, one {@link MailTemplate} per kind of
 * {@link MailMessage}. {@link #standard()} is the English wording; replace a kind with the
 * {@code with...} methods. Every template may use {@code {{app}}}, {@code {{username}}},
 * {@code {{to}}} and {@code {{tenant}}}; the code mails add {@code {{code}}} and
 * {@code {{expiresAt}}} (and must show the code in both bodies), the address notice adds
 * {@code {{newAddress}}}, the password notice {@code {{changedAt}}} and the notice of an attempted
 * registration {@code {{attemptedAt}}}, and the notice of a sign-in from a new device
 * {@code {{signedInAt}}}, {@code {{ip}}} and {@code {{userAgent}}} (the client's address and user
 * agent, "unknown" when the sign-in named none; the user agent is cut to
 * {@value #LONGEST_USER_AGENT} characters and its control characters become spaces). Instants read
 * like "23 November 2026 at 08:09 UTC".
 */
public record MailTemplates(
        MailTemplate verificationCode,
        MailTemplate passwordResetCode,
        MailTemplate emailChanged,
        MailTemplate passwordChanged,
        MailTemplate registrationAttempted,
        MailTemplate newSignIn) {

    /** The most characters of a user agent a mail shows; a longer one ends with an ellipsis. */
    public static final int LONGEST_USER_AGENT = 200;
    private static final String UNKNOWN = "unknown";

    private static final Set<String> COMMON = Set.of("app", "username", "to", "tenant");
    private static final Set<String> CODE = union(COMMON, Set.of("code", "expiresAt"));
    private static final Set<String> ADDRESS_CHANGE = union(COMMON, Set.of("newAddress"));
    private static final Set<String> PASSWORD_CHANGE = union(COMMON, Set.of("changedAt"));
    private static final Set<String> REGISTRATION_ATTEMPT = union(COMMON, Set.of("attemptedAt"));
    private static final Set<String> NEW_SIGN_IN = union(COMMON, Set.of("signedInAt", "ip", "userAgent"));

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The HTML document every body fragment is placed in. */
    private static final String HTML_FRAME = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="UTF-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{subject}}</title>
            </head>
            <body style="margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222">
            <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px">
            {{body}}
            </div>
            </body>
            </html>
            """;

    private static final String CODE_STYLE =
            "font-family:Consolas,Menlo,monospace;font-size:28px;font-weight:bold;letter-spacing:4px;"
                    + "padding:12px 16px;background:#f0f0f0;border-radius:4px;display:inline-block";

    public MailTemplates {
        requireFits(verificationCode, "verificationCode", CODE);
        requireFits(passwordResetCode, "passwordResetCode", CODE);
        requireFits(emailChanged, "emailChanged", ADDRESS_CHANGE);
        requireFits(passwordChanged, "passwordChanged", PASSWORD_CHANGE);
        requireFits(registrationAttempted, "registrationAttempted", REGISTRATION_ATTEMPT);
        requireFits(newSignIn, "newSignIn", NEW_SIGN_IN);
        if (!verificationCode.bothBodiesShow("code") || !passwordResetCode.bothBodiesShow("code")) {
            throw new IllegalArgumentException("the text and HTML bodies of code mails must show {{code}}");
        }
    }

    /** Tollgate's English wording. */
    public static MailTemplates standard() {
        return new MailTemplates(
                MailTemplate.of("Your {{app}} verification code", """
                        Hello {{username}},

                        Your {{app}} verification code is:

                            {{code}}

                        It expires on {{expiresAt}}.

                        Enter it where you were asked to confirm this address. If you did not \
                        ask for a code, ignore this mail: nothing changes without it.

                        Never share this code. {{app}} will never ask you for it.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>Your {{app}} verification code is:</p>
                        <p style="%s">{{code}}</p>
                        <p>It expires on <strong>{{expiresAt}}</strong>.</p>
                        <p>Enter it where you were asked to confirm this address. If you did not \
                        ask for a code, ignore this mail: nothing changes without it.</p>
                        <p style="color:#666666;font-size:13px">Never share this code. {{app}} will never ask you for it.</p>
                        """.formatted(CODE_STYLE)),
                MailTemplate.of("Your {{app}} password reset code", """
                        Hello {{username}},

                        Someone asked to reset the password of your {{app}} account. Your \
                        password reset code is:

                            {{code}}

                        It expires on {{expiresAt}}.

                        If you did not ask to reset your password, ignore this mail: your \
                        password stays as it is.

                        Never share this code. {{app}} will never ask you for it.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>Someone asked to reset the password of your {{app}} account. Your \
                        password reset code is:</p>
                        <p style="%s">{{code}}</p>
                        <p>It expires on <strong>{{expiresAt}}</strong>.</p>
                        <p>If you did not ask to reset your password, ignore this mail: your \
                        password stays as it is.</p>
                        <p style="color:#666666;font-size:13px">Never share this code. {{app}} will never ask you for it.</p>
                        """.formatted(CODE_STYLE)),
                MailTemplate.of("Your {{app}} account's address was changed", """
                        Hello {{username}},

                        Your {{app}} account's address was changed to {{newAddress}}. \
                        Mails about your account now go there instead of to {{to}}.

                        If you made this change, there is nothing more to do.

                        If you did not, someone else may have access to your account: reset \
                        your password and contact {{app}} support right away.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>Your {{app}} account's address was changed to <strong>{{newAddress}}</strong>. \
                        Mails about your account now go there instead of to {{to}}.</p>
                        <p>If you made this change, there is nothing more to do.</p>
                        <p><strong>If you did not</strong>, someone else may have access to your account: \
                        reset your password and contact {{app}} support right away.</p>
                        """),
                MailTemplate.of("Your {{app}} password was changed", """
                        Hello {{username}},

                        Your {{app}} password was changed on {{changedAt}}.

                        If you made this change, there is nothing more to do.

                        If you did not, someone else may have access to your account: reset \
                        your password now and contact {{app}} support right away.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>Your {{app}} password was changed on <strong>{{changedAt}}</strong>.</p>
                        <p>If you made this change, there is nothing more to do.</p>
                        <p><strong>If you did not</strong>, someone else may have access to your account: \
                        reset your password now and contact {{app}} support right away.</p>
                        """),
                MailTemplate.of("Someone tried to register with your {{app}} address", """
                        Hello {{username}},

                        On {{attemptedAt}} someone tried to create a new {{app}} account with \
                        this address, {{to}}. It already belongs to your account, so no new \
                        account was made and nothing about yours changed.

                        If it was you, you already have an account: sign in as {{username}}, \
                        or reset your password if you forgot it.

                        If it was not you, there is nothing to do.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>On <strong>{{attemptedAt}}</strong> someone tried to create a new {{app}} account \
                        with this address, {{to}}. It already belongs to your account, so no new account \
                        was made and nothing about yours changed.</p>
                        <p>If it was you, you already have an account: sign in as {{username}}, or reset \
                        your password if you forgot it.</p>
                        <p>If it was not you, there is nothing to do.</p>
                        """),
                MailTemplate.of("New sign-in to your {{app}} account", """
                        Hello {{username}},

                        Your {{app}} account was signed in to from a device it had not seen before:

                            When:        {{signedInAt}}
                            Address:     {{ip}}
                            User agent:  {{userAgent}}

                        If this was you, there is nothing to do.

                        If it was not you, someone else may know your password: change your \
                        password now, then end the sessions you do not recognise from the \
                        sessions list of your account. Changing the password also ends your \
                        other sessions.
                        """, """
                        <p>Hello {{username}},</p>
                        <p>Your {{app}} account was signed in to from a device it had not seen before:</p>
                        <table style="border-collapse:collapse;margin:0 0 16px 0">
                        <tr><td style="padding:2px 16px 2px 0;color:#666666">When</td><td><strong>{{signedInAt}}</strong></td></tr>
                        <tr><td style="padding:2px 16px 2px 0;color:#666666">Address</td><td>{{ip}}</td></tr>
                        <tr><td style="padding:2px 16px 2px 0;color:#666666">User agent</td><td>{{userAgent}}</td></tr>
                        </table>
                        <p>If this was you, there is nothing to do.</p>
                        <p><strong>If it was not you</strong>, someone else may know your password: change your \
                        password now, then end the sessions you do not recognise from the sessions list of your \
                        account. Changing the password also ends your other sessions.</p>
                        """));
    }

    public MailTemplates withVerificationCode(MailTemplate template) {
        return new MailTemplates(template, passwordResetCode, emailChanged, passwordChanged, registrationAttempted,
                newSignIn);
    }

    public MailTemplates withPasswordResetCode(MailTemplate template) {
        return new MailTemplates(verificationCode, template, emailChanged, passwordChanged, registrationAttempted,
                newSignIn);
    }

    public MailTemplates withEmailChanged(MailTemplate template) {
        return new MailTemplates(verificationCode, passwordResetCode, template, passwordChanged, registrationAttempted,
                newSignIn);
    }

    public MailTemplates withPasswordChanged(MailTemplate template) {
        return new MailTemplates(verificationCode, passwordResetCode, emailChanged, template, registrationAttempted,
                newSignIn);
    }

    public MailTemplates withRegistrationAttempted(MailTemplate template) {
        return new MailTemplates(verificationCode, passwordResetCode, emailChanged, passwordChanged, template,
                newSignIn);
    }

    public MailTemplates withNewSignIn(MailTemplate template) {
        return new MailTemplates(verificationCode, passwordResetCode, emailChanged, passwordChanged,
                registrationAttempted, template);
    }

    /** The subject, text and HTML of {@code message}, naming the product {@code appName}. */
    public RenderedMail render(MailMessage message, String appName) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(appName, "appName");
        Map<String, String> values = new HashMap<>();
        values.put("app", appName);
        values.put("username", message.username().value());
        values.put("to", message.to().value());
        values.put("tenant", message.tenant().value());
        if (message instanceof MailMessage.VerificationCode verification) {
            values.put("code", verification.code());
            values.put("expiresAt", format(verification.expiresAt()));
            return verificationCode.fill(values, HTML_FRAME);
        }
        if (message instanceof MailMessage.PasswordResetCode reset) {
            values.put("code", reset.code());
            values.put("expiresAt", format(reset.expiresAt()));
            return passwordResetCode.fill(values, HTML_FRAME);
        }
        if (message instanceof MailMessage.EmailChanged changed) {
            values.put("newAddress", changed.newAddress().value());
            return emailChanged.fill(values, HTML_FRAME);
        }
        if (message instanceof MailMessage.PasswordChanged changed) {
            values.put("changedAt", format(changed.at()));
            return passwordChanged.fill(values, HTML_FRAME);
        }
        if (message instanceof MailMessage.RegistrationAttempted attempted) {
            values.put("attemptedAt", format(attempted.at()));
            return registrationAttempted.fill(values, HTML_FRAME);
        }
        if (message instanceof MailMessage.NewSignIn signIn) {
            values.put("signedInAt", format(signIn.at()));
            values.put("ip", shown(signIn.ip()));
            values.put("userAgent", shown(signIn.userAgent()));
            return newSignIn.fill(values, HTML_FRAME);
        }
        throw new IllegalArgumentException("unknown kind of mail: " + message.getClass().getName());
    }

    /** An instant as the templates show it, e.g. "23 November 2026 at 08:09 UTC". */
    public static String format(Instant instant) {
        return WHEN.format(instant);
    }

    /**
     * What the client sent (an address, a user agent) as a mail shows it: "unknown" when absent
     * or blank, control characters as spaces, at most {@value #LONGEST_USER_AGENT} characters.
     * HTML escaping is left to the template.
     */
    private static String shown(String clientValue) {
        if (clientValue == null || clientValue.isBlank()) {
            return UNKNOWN;
        }
        StringBuilder out = new StringBuilder(Math.min(clientValue.length(), LONGEST_USER_AGENT + 1));
        clientValue.strip().codePoints().limit(LONGEST_USER_AGENT + 1L)
                .map(c -> Character.isISOControl(c) ? ' ' : c).forEach(out::appendCodePoint);
        if (out.codePointCount(0, out.length()) > LONGEST_USER_AGENT) {
            out.setLength(out.offsetByCodePoints(0, LONGEST_USER_AGENT));
            out.append('\u2026');
        }
        return out.toString();
    }

    private static void requireFits(MailTemplate template, String kind, Set<String> offered) {
        Objects.requireNonNull(template, kind);
        Set<String> unknown = new HashSet<>(template.placeholders());
        unknown.removeAll(offered);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " template uses placeholders its mail does not offer: "
                    + unknown + "; it may use " + offered);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
