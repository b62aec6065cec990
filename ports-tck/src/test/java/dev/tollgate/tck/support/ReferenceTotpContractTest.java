package dev.tollgate.tck.support;

import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import dev.tollgate.tck.mfa.TotpAlgorithmContract;

/** The reference passes the contract it is measured by: the contract asks nothing RFC 6238 does not. */
class ReferenceTotpContractTest extends TotpAlgorithmContract {

    @Override
    protected TotpAlgorithm newAlgorithm() {
        return ReferenceTotp::code;
    }
}
