package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.api.profile.Profiles;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link HttpApi#stop()} drains requests in flight, within its timeout and no longer. */
class GracefulStopTest {

    @Test
    void stop_givesUpOnARequestThatOutlastsTheTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ServerFixture server = new ServerFixture(UnaryOperator.identity(),
                settings -> settings.withShutdownTimeout(java.time.Duration.ofMillis(300)), useCases -> new UseCases(
                        useCases.registration(), useCases.sessions(), useCases.emailAddresses(),
                        Overrides.replace(Profiles.class, useCases.profiles(), "view", args -> {
                            entered.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                            }
                            return useCases.profiles().view((dev.tollgate.port.UserRef) args[0]);
                        }),
                        useCases.passwords(), useCases.accounts(), useCases.apiKeys(),
                        useCases.verification(), useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network()))) {
            String token = server.signedIn("yan");
            CompletableFuture.runAsync(() -> {
                try {
                    server.client.get("/v1/users/profile").bearer(token).send();
                } catch (RuntimeException cutOff) {
                    // the connection may be closed under it: that is the point
                }
            });
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            server.api.stop();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(250L, 3_000L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void stop_letsARequestInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UseCases[] real = new UseCases[1];
        try (ServerFixture server = new ServerFixture(UnaryOperator.identity(), UnaryOperator.identity(), useCases -> {
            real[0] = useCases;
            return new UseCases(useCases.registration(), useCases.sessions(), useCases.emailAddresses(),
                    Overrides.replace(Profiles.class, useCases.profiles(), "view", args -> {
                        entered.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        return real[0].profiles().view((dev.tollgate.port.UserRef) args[0]);
                    }),
                    useCases.passwords(), useCases.accounts(), useCases.apiKeys(),
                    useCases.verification(), useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network());
        })) {
            String token = server.signedIn("zoe");
            CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(
                    () -> server.client.get("/v1/users/profile").bearer(token).send());
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.api::stop);
            Thread.sleep(200);
            assertThat(stopping).isNotDone();
            release.countDown();

            assertThat(slow.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            stopping.get(60, TimeUnit.SECONDS);
        }
    }
}
