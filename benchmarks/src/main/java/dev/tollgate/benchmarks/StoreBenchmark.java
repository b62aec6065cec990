package dev.tollgate.benchmarks;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The operations measured, each through the real core and each checked to succeed (a
 * refused call throws, failing the run, rather than being counted as a fast operation). The
 * subclasses set how they are measured: {@link StoreThroughput} and {@link StoreLatency}.
 */
public abstract class StoreBenchmark {

    /** Registers a user with a new username and email: insert, audit, verification code, rate window. */
    @Benchmark
    public Registered register(CoreOnStore fixture) {
        return fixture.core.registration().register(fixture.nextRegistration()).orElseThrow();
    }

    /** Logs one of the registered users in with the right password, opening a new session. */
    @Benchmark
    public SessionTokens login(CoreOnStore fixture) {
        String username = fixture.usernames[ThreadLocalRandom.current().nextInt(fixture.usernames.length)];
        return fixture.core.sessions().login(CoreOnStore.login(username)).orElseThrow();
    }

    /**
     * Verifies one of the users' API keys and takes one credit, from a client address: the
     * address's failed verifications, key lookup, owner, plan, rate-limit window and the atomic
     * take, the call a paying service makes on every request; its usage event is written in the
     * background.
     */
    @Benchmark
    public Outcome<KeyVerification.Granted> verify(CoreOnStore fixture) {
        String key = fixture.apiKeys[ThreadLocalRandom.current().nextInt(fixture.apiKeys.length)];
        Outcome<KeyVerification.Granted> answer = fixture.core.verification()
                .verify(new KeyCheck(TenantId.DEFAULT, key, KeyCheck.DEFAULT_METER, 1, null, CoreOnStore.ORIGIN));
        if (!answer.isDone()) {
            throw new IllegalStateException("verification refused: " + answer.problem().code());
        }
        return answer;
    }

    /** Authenticates a request by the access token of one of the pre-created sessions. */
    @Benchmark
    public Principal authenticate(CoreOnStore fixture) {
        String token = fixture.accessTokens[ThreadLocalRandom.current().nextInt(fixture.accessTokens.length)];
        return fixture.core.sessions().authenticate(TenantId.DEFAULT, token).orElseThrow();
    }
}
