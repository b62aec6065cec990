package dev.tollgate.port.api.staff;

import java.util.Objects;

/** A new service account with its key, which is shown this once and kept only as a digest. */
public record IssuedServiceAccount(ServiceAccountView account, String key) {

    public IssuedServiceAccount {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "IssuedServiceAccount[account=" + account + "]";
    }
}
