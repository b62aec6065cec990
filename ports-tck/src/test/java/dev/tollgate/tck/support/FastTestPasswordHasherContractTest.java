package dev.tollgate.tck.support;

import dev.tollgate.port.spi.crypto.PasswordHasher;
import dev.tollgate.tck.crypto.PasswordHasherContract;

/** The test hasher keeps the contract of a real one, so core tests that use it prove the same. */
class FastTestPasswordHasherContractTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher hasher() {
        return new FastTestPasswordHasher(new SeededRandomSource(11));
    }
}
