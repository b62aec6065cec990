package dev.tollgate.tck.support;

import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.tck.password.PasswordHasherContract;

/** The test hasher keeps the contract of a real one, so core tests that use it prove the same. */
class FastTestPasswordHasherContractTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher hasher() {
        return new FastTestPasswordHasher(new SeededRandomSource(11));
    }
}
