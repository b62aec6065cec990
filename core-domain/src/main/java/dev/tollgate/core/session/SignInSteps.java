package dev.tollgate.core.session;

import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.mfa.SecondFactorService;
import dev.tollgate.core.password.PasswordAge;
import dev.tollgate.core.password.PasswordService;
import dev.tollgate.port.spi.session.KnownDevices;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a login checks besides the password: the second factor (and whether one is required),
 * the password's age, and the device, with the short-lived tokens that carry a login between
 * its steps.
 *
 * @param mail          delivers the new-sign-in notice
 * @param background    where that notice is sent from, off the login's thread
 * @param newDeviceMail whether a sign-in from a new device mails the notice
 */
public record SignInSteps(SecondFactorService secondFactors, LoginTokens tokens, PasswordAge age,
        PasswordService passwords, KnownDevices devices, OneTimeCodes mail, Executor background,
        boolean newDeviceMail) {

    public SignInSteps {
        Objects.requireNonNull(secondFactors, "secondFactors");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(background, "background");
    }
}
