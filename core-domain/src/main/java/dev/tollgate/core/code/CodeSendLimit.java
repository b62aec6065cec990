package dev.tollgate.core.code;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.CodeSettings;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How often one-time codes may be mailed, built from the {@link CodeSettings}: at most the set
 * number of sends per address, purpose and window, counted in a window counter per tenant,
 * purpose and address, whether or not an account has the address, so the limit reveals
 * nothing. The counter's key holds a fingerprint of the address, never the address.
 */
public final class CodeSendLimit {

    private final WindowLimit limit;

    public CodeSendLimit(CodeSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.limit = WindowLimit.of(settings.maxSendsPerWindow(), settings.sendWindow());
    }

    /** Sends per window. */
    public WindowLimit limit() {
        return limit;
    }

    /** The counter of the sends to {@code to} for {@code purpose} in {@code tenant}. */
    public CounterKey counter(TenantId tenant, Email to, CodePurpose purpose) {
        return CounterKey.of("code-send:" + purpose.name().toLowerCase(Locale.ROOT) + ":"
                + Secrets.fingerprint(tenant.value() + "\n" + to.value()));
    }

    /** {@code RATE_LIMITED} until the window ends when the send was not granted; empty when it was. */
    public Optional<Problem.RateLimited> refusal(Acquisition send) {
        return send.isGranted() ? Optional.empty()
                : Optional.of(new Problem.RateLimited(send.resetsAt(), limit.limit()));
    }
}
