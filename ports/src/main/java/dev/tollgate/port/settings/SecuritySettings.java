package dev.tollgate.port.settings;

import java.util.Objects;

/**
 * Account and network security beyond the password: second factors, password history and
 * expiry, new-device notices and IP rules.
 *
 * @param newDeviceMail whether a login from a device not seen before for the user mails them a
 *                      "new sign-in" notice; default true
 */
public record SecuritySettings(MfaSettings mfa, PasswordAgeSettings passwords, boolean newDeviceMail,
        NetworkSettings network) {

    public static final SecuritySettings DEFAULTS = new SecuritySettings(MfaSettings.DEFAULTS,
            PasswordAgeSettings.DEFAULTS, true, NetworkSettings.DEFAULTS);

    public SecuritySettings {
        Objects.requireNonNull(mfa, "mfa");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(network, "network");
    }

    public SecuritySettings withMfa(MfaSettings value) {
        return new SecuritySettings(value, passwords, newDeviceMail, network);
    }

    public SecuritySettings withPasswords(PasswordAgeSettings value) {
        return new SecuritySettings(mfa, value, newDeviceMail, network);
    }

    public SecuritySettings withNewDeviceMail(boolean value) {
        return new SecuritySettings(mfa, passwords, value, network);
    }

    public SecuritySettings withNetwork(NetworkSettings value) {
        return new SecuritySettings(mfa, passwords, newDeviceMail, value);
    }
}
