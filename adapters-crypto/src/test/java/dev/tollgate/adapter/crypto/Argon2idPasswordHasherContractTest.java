package dev.tollgate.adapter.crypto;

import dev.tollgate.port.spi.crypto.PasswordHasher;
import dev.tollgate.tck.crypto.PasswordHasherContract;

class Argon2idPasswordHasherContractTest extends PasswordHasherContract {

    private static final PasswordHasher HASHER = Argon2idPasswordHasher.with(
            Argon2Parameters.DEFAULTS.withMemoryKib(1024).withIterations(1));

    @Override
    protected PasswordHasher hasher() {
        return HASHER;
    }
}
