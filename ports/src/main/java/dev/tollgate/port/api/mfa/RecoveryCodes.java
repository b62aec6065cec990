package dev.tollgate.port.api.mfa;

import java.util.List;

/**
 * Single-use codes that stand in for an authenticator app once each. Shown only here: Tollgate
 * keeps their digests. {@link #toString()} does not print them.
 */
public record RecoveryCodes(List<String> codes) {

    public RecoveryCodes {
        codes = List.copyOf(codes);
    }

    @Override
    public String toString() {
        return "RecoveryCodes[" + codes.size() + " codes]";
    }
}
