package dev.tollgate.adapter.crypto;

import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.tck.password.PasswordHasherContract;

class Argon2idPasswordHasherContractTest extends PasswordHasherContract {

    private static final PasswordHasher HASHER = Argon2idPasswordHasher.with(
            Argon2Parameters.DEFAULTS.withMemoryKib(1024).withIterations(1));

    @Override
    protected PasswordHasher hasher() {
        return HASHER;
    }
}
