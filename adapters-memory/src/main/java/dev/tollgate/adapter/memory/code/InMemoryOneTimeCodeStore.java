package dev.tollgate.adapter.memory.code;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link OneTimeCodeStore} in memory. One lock guards the codes, so each try is counted
 * exactly once and a code matches at most once. Digests are compared in constant time.
 */
public final class InMemoryOneTimeCodeStore implements OneTimeCodeStore {

    private record Key(UserRef user, CodePurpose purpose) {
    }

    private final Object lock = new Object();
    private final Map<Key, OneTimeCode> codes = new HashMap<>();

    @Override
    public void issue(OneTimeCode code) {
        Objects.requireNonNull(code, "code");
        synchronized (lock) {
            codes.put(new Key(code.user(), code.purpose()), code);
        }
    }

    @Override
    public Optional<OneTimeCode> find(UserRef user, CodePurpose purpose) {
        Key key = new Key(Objects.requireNonNull(user, "user"), Objects.requireNonNull(purpose, "purpose"));
        synchronized (lock) {
            return Optional.ofNullable(codes.get(key));
        }
    }

    @Override
    public AttemptResult attempt(UserRef user, CodePurpose purpose, String presentedDigest, Instant now) {
        Key key = new Key(Objects.requireNonNull(user, "user"), Objects.requireNonNull(purpose, "purpose"));
        Objects.requireNonNull(presentedDigest, "presentedDigest");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            OneTimeCode code = codes.get(key);
            if (code == null) {
                return AttemptResult.notFound();
            }
            if (!code.expiresAt().isAfter(now)) {
                return AttemptResult.expired();
            }
            if (code.attempts() >= code.maxAttempts()) {
                return AttemptResult.exhausted();
            }
            OneTimeCode counted = new OneTimeCode(code.user(), code.purpose(), code.sentTo(), code.codeDigest(),
                    code.issuedAt(), code.expiresAt(), code.attempts() + 1, code.maxAttempts());
            if (sameDigest(presentedDigest, code.codeDigest())) {
                codes.remove(key);
                return AttemptResult.matched(counted);
            }
            codes.put(key, counted);
            return AttemptResult.mismatched(counted.maxAttempts() - counted.attempts());
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            int before = codes.size();
            codes.keySet().removeIf(key -> key.user().equals(user));
            return before - codes.size();
        }
    }

    private static boolean sameDigest(String presented, String stored) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
    }
}
