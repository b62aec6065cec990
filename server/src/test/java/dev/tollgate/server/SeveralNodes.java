package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.JsonExchange.Answer;
import dev.tollgate.testing.postgres.PostgresTestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several server processes ({@code java -jar tollgate-server.jar}, as an operator starts them) on
 * one PostgreSQL database, each in a working directory of its own on a port of its own, with the
 * same master key and service token, seeded through the HTTP API only. What one process cannot
 * show: credits stay exact when spenders race on one balance through every process, a key's
 * rate limit holds across all of them, a change made through one process is refused at once by
 * another that had the old state cached (the cache lives an hour, so only a pushed invalidation
 * can explain it), and a process killed with SIGKILL mid-load loses no grant a client saw and
 * leaves nothing stuck. Subclasses say where the window counters and invalidations travel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang is a failure; nothing here is timed
abstract class SeveralNodes {

    private static final String PASSWORD = "analytical-Engine-1843";
    private static final String ADMIN_PASSWORD = "difference-Engine-1822";
    private static final String SERVICE_TOKEN = "service-token-of-the-scale-out-test-0123456789";
    private static final int SPENDERS = 64;
    private static final int RATE_LIMIT = 40;
    /** How long a change may take to reach another process before the test gives up (the issue wants 1 s). */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PLANS = """
            {"default_plan": "metered", "zone": "UTC", "plans": [
              {"name": "metered", "level": "medium", "meters": {"credits": {"amount": 0, "period": "monthly"}},
               "entitlements": [], "rate_limit": {"requests": 1000000, "window": "1m"}},
              {"name": "upgraded", "level": "high", "meters": {"credits": {"amount": 0, "period": "monthly"}},
               "entitlements": [], "rate_limit": {"requests": 1000000, "window": "1m"}},
              {"name": "limited", "level": "low", "meters": {"credits": {"amount": 0, "period": "monthly"}},
               "entitlements": [], "rate_limit": {"requests": %d, "window": "1m"}}
            ]}
            """.formatted(RATE_LIMIT);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newCachedThreadPool()).build();
    private final Map<String, String> environment = new HashMap<>();
    private final List<ServerJar> nodes = new ArrayList<>();
    private final List<ServerJar> extraNodes = new ArrayList<>();

    private Path root;
    private String database;
    private String admin;

    /** Settings every node of the subclass's deployment gets beyond the database (Redis, say). */
    abstract Map<String, String> deploymentSettings();

    /**
     * What a process killed holding a lease of a balance of {@code balance} may forfeit at most
     * (what was left of its lease counts as spent): nothing without leases.
     */
    long forfeitableUnits(long balance) {
        return 0;
    }

    @BeforeAll
    void startThreeNodes(@TempDir Path directory) throws Exception {
        root = directory;
        Map<String, String> deployment = deploymentSettings(); // first: it may skip the class
        PostgresTestServer postgres = PostgresTestServer.instance();
        database = postgres.createDatabase();
        Path plans = Files.writeString(root.resolve("plans.json"), PLANS, StandardCharsets.UTF_8);
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        environment.putAll(Map.of(
                "TOLLGATE_STORE", "postgres",
                "TOLLGATE_DB_URL", postgres.url(database),
                "TOLLGATE_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                "TOLLGATE_SERVICE_TOKEN", SERVICE_TOKEN,
                "TOLLGATE_PLANS_FILE", plans.toAbsolutePath().toString(),
                // an hour: a change another process notices in time was pushed to it, not expired
                "TOLLGATE_CACHE_TTL", "1h",
                "TOLLGATE_API_KEY_REQUIRE_VERIFIED_EMAIL", "false",
                "TOLLGATE_LOG_LEVEL", "WARN"));
        environment.putAll(Map.of(
                "TOLLGATE_ADMIN_EMAIL", "root@example.com",
                "TOLLGATE_ADMIN_USERNAME", "root",
                "TOLLGATE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                // every client of this test is 127.0.0.1; the polls of a revoked key are failures by design
                "TOLLGATE_THROTTLE_KEY_VERIFICATION_PER_ADDRESS", "off",
                "TOLLGATE_THROTTLE_REGISTRATION_PER_ADDRESS", "off",
                "TOLLGATE_THROTTLE_LOGIN_PER_ADDRESS", "off"));
        if (postgres.user() != null) {
            environment.put("TOLLGATE_DB_USER", postgres.user());
        }
        if (postgres.password() != null) {
            environment.put("TOLLGATE_DB_PASSWORD", postgres.password());
        }
        environment.putAll(deployment);
        nodes.addAll(startNodes("node", 3));
        Answer login = JsonExchange.send(client, nodes.get(0).port(), "POST", "/v1/users/login", null,
                Map.of("login", "root", "password", ADMIN_PASSWORD));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        admin = login.body().at("/session_token").asText();
    }

    @AfterAll
    void stopNodes() {
        List<ServerJar> all = new ArrayList<>(extraNodes);
        all.addAll(nodes);
        all.parallelStream().forEach(ServerJar::close);
        if (database != null) {
            PostgresTestServer.instance().dropDatabase(database);
        }
    }

    @ParameterizedTest(name = "over {0} processes")
    @ValueSource(ints = {2, 3})
    void spendersRacingOnOneBalance_throughEveryProcess_areGrantedExactlyTheBalance(int processes) throws Exception {
        Account owner = aUserWith(1_000);
        List<ServerJar> over = nodes.subList(0, processes);

        Race race = race(owner, spender -> over.get(spender % processes), null);

        assertThat(race.unanswered()).as("every request answered").isEmpty();
        assertThat(race.grantedUnits()).as("granted costs sum to the balance").isEqualTo(1_000);
        assertThat(remaining(nodes.get(processes - 1), owner)).as("nothing overdrawn, nothing left").isZero();
        // each grant the clients saw is one grant the store recorded: none counted twice, none lost
        eventually(() -> usage(owner), usage -> usage.granted() == race.grants() && usage.units() == 1_000
                && usage.calls() == race.grants() + race.refusals(), "the usage of the race");
        System.out.printf("%s, %d processes: %d spenders, %d grants (%d credits) and %d refusals%n",
                getClass().getSimpleName(), processes, SPENDERS, race.grants(), race.grantedUnits(), race.refusals());
    }

    @Test
    void aKeysRateLimit_holdsAcrossThreeProcesses() throws Exception {
        Account owner = aUserWith(1_000);
        Answer subscribed = JsonExchange.send(client, nodes.get(0).port(), "PUT",
                "/v1/billing/users/" + owner.userId() + "/subscription", SERVICE_TOKEN, Map.of("plan", "limited"));
        assertThat(subscribed.status()).as(subscribed.raw()).isEqualTo(200);
        ExecutorService callers = Executors.newFixedThreadPool(24);
        Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < RATE_LIMIT * 3; i++) {
                ServerJar node = nodes.get(i % nodes.size());
                calls.add(callers.submit(() -> {
                    Answer answer = verify(node, owner.key(), 1);
                    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                    String reason = answer.body().at("/valid").asBoolean() ? "GRANTED" : answer.body().at("/reason").asText();
                    reasons.computeIfAbsent(reason, any -> new AtomicLong()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(reasons.keySet()).containsOnly("GRANTED", "RATE_LIMITED");
        assertThat(reasons.get("GRANTED")).as("granted in the window, over all processes; the processes warned: %s",
                warnings()).hasValue(RATE_LIMIT);
        assertThat(reasons.get("RATE_LIMITED")).hasValue(RATE_LIMIT * 2L);
        Answer after = verify(nodes.get(2), owner.key(), 0);
        assertThat(refusedFor(after, "RATE_LIMITED")).as(after.raw()).isTrue();
        // with leases, a process counts the other processes' leases as spent until they come back
        eventually(() -> verify(nodes.get(2), owner.key(), 0).body().at("/meters/credits/remaining").asLong(),
                remaining -> remaining == 1_000 - RATE_LIMIT, "a refusal takes nothing");
    }

    @Test
    void aChangeThroughOneProcess_isRefusedByAnotherThatHadTheOldStateCached() throws Exception {
        ServerJar first = nodes.get(0);
        ServerJar second = nodes.get(1);
        Account owner = aUserWith(100);
        Answer login = JsonExchange.send(client, first.port(), "POST", "/v1/users/login", null,
                Map.of("login", owner.username(), "password", PASSWORD));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        String session = login.body().at("/session_token").asText();
        Answer created = JsonExchange.send(client, first.port(), "POST", "/v1/users/api-keys", session,
                Map.of("name", "second key"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String secondKey = created.body().at("/key").asText();
        List<String> delays = new ArrayList<>();

        // the plan: the second process answered the old one just before
        assertThat(verify(second, owner.key(), 0).body().at("/plan").asText()).isEqualTo("metered");
        delays.add("plan change " + propagation(() -> JsonExchange.send(client, first.port(), "PUT",
                "/v1/billing/users/" + owner.userId() + "/subscription", SERVICE_TOKEN, Map.of("plan", "upgraded")),
                () -> verify(second, owner.key(), 0), answer -> "upgraded".equals(answer.body().at("/plan").asText())));

        // a revoked key
        assertThat(verify(second, secondKey, 0).body().at("/valid").asBoolean()).isTrue();
        delays.add("key revocation " + propagation(() -> JsonExchange.send(client, first.port(), "DELETE",
                "/v1/users/api-keys/" + created.body().at("/id").asText(), session, null),
                () -> verify(second, secondKey, 0), answer -> refusedFor(answer, "KEY_REVOKED")));

        // a session ended everywhere
        assertThat(JsonExchange.send(client, second.port(), "GET", "/v1/users/profile", session, null).status())
                .isEqualTo(200);
        delays.add("logout everywhere " + propagation(() -> JsonExchange.send(client, first.port(), "POST",
                "/v1/users/logout?all=true", session, null),
                () -> JsonExchange.send(client, second.port(), "GET", "/v1/users/profile", session, null),
                answer -> answer.status() == 401 && "INVALID_TOKEN".equals(answer.body().at("/code").asText())));

        // an IP rule, judged on the client address the service passes, made and lifted on another process
        assertThat(verifyFrom(second, owner.key(), "192.0.2.44").body().at("/valid").asBoolean()).isTrue();
        String[] rule = new String[1];
        delays.add("ip rule " + propagation(() -> {
                    Answer made = JsonExchange.send(client, first.port(), "POST", "/v1/admin/ip-rules", admin,
                            Map.of("cidr", "192.0.2.0/24", "action", "deny", "reason", "scale-out test"));
                    rule[0] = made.body().at("/id").asText();
                    return made;
                },
                () -> verifyFrom(second, owner.key(), "192.0.2.44"), answer -> refusedFor(answer, "IP_BLOCKED")));
        delays.add("ip rule lifted " + propagation(() -> JsonExchange.send(client, first.port(), "DELETE",
                "/v1/admin/ip-rules/" + rule[0], admin, Map.of("reason", "scale-out test done")),
                () -> verifyFrom(second, owner.key(), "192.0.2.44"),
                answer -> answer.body().at("/valid").asBoolean()));

        // a suspended owner's key
        assertThat(verify(second, owner.key(), 0).body().at("/valid").asBoolean()).isTrue();
        delays.add("suspension " + propagation(() -> JsonExchange.send(client, first.port(), "POST",
                "/v1/admin/users/" + owner.userId() + "/suspend", admin, Map.of("reason", "scale-out test")),
                () -> verify(second, owner.key(), 0), answer -> refusedFor(answer, "USER_INACTIVE")));

        System.out.printf("%s, reached the second process after: %s%n", getClass().getSimpleName(),
                String.join(", ", delays));
    }

    @Test
    void aProcessKilledMidLoad_losesNoGrantAClientSaw_andHoldsNothing() throws Exception {
        int balance = 3_000;
        ServerJar victim = startNodes("victim", 1).get(0);
        extraNodes.add(victim);
        ServerJar survivor = nodes.get(0);
        Account owner = aUserWith(balance);
        CountDownLatch killed = new CountDownLatch(1);

        // half the spenders go to the victim; when it dies, the load balancer sends them on to the survivor
        Race race = race(owner, spender -> spender % 2 == 0 || killed.getCount() == 0 ? survivor : victim,
                new Interruption(balance / 3, () -> {
                    victim.kill();
                    killed.countDown();
                }));

        assertThat(killed.getCount()).as("killed mid-load").isZero();
        assertThat(race.unanswered()).as("only requests to the killed process went unanswered")
                .allMatch(unanswered -> unanswered.node() == victim);
        assertThat(remaining(survivor, owner)).as("whatever the killed process held was spent").isZero();
        long unknown = race.unanswered().stream().mapToLong(Unanswered::cost).sum();
        assertThat(race.grantedUnits()).as("no grant a client saw is lost, none made up")
                .isLessThanOrEqualTo(balance).isGreaterThanOrEqualTo(balance - unknown - forfeitableUnits(balance));
        System.out.printf("%s, SIGKILL mid-load: %d credits granted to clients of %d; %d requests (%d credits) in flight "
                        + "to the killed process, of which %d credits were committed unanswered%n",
                getClass().getSimpleName(), race.grantedUnits(), balance, race.unanswered().size(), unknown,
                balance - race.grantedUnits());
    }

    // --- the race

    /** A request that got no answer: the process it went to died with it in flight. */
    record Unanswered(ServerJar node, int cost) {
    }

    /** What the spenders were answered. */
    record Race(long grants, long grantedUnits, long refusals, List<Unanswered> unanswered) {
    }

    /** Something done once, by the spender whose grant brings the granted units to {@code afterUnits}. */
    record Interruption(long afterUnits, Runnable action) {
    }

    /**
     * {@value #SPENDERS} spenders on the balance of {@code owner}, each sending to the process
     * {@code route} picks for it, costs 1 to 7, until the balance refuses a cost of 1: then the
     * balance is 0 (it only goes down), whatever larger costs it refused before. A request whose
     * connection was refused never reached a process and is sent again; one that was sent and
     * got no answer is {@link Unanswered}.
     */
    private Race race(Account owner, IntFunction<ServerJar> route, Interruption interruption) throws Exception {
        AtomicLong grants = new AtomicLong();
        AtomicLong grantedUnits = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        List<Unanswered> unanswered = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService spenders = Executors.newFixedThreadPool(SPENDERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SPENDERS; i++) {
                int spender = i;
                Random costs = new Random(spender);
                running.add(spenders.submit(() -> {
                    go.await();
                    int cost = 1 + costs.nextInt(7);
                    while (true) {
                        ServerJar node = route.apply(spender);
                        Answer answer;
                        try {
                            answer = verify(node, owner.key(), cost);
                        } catch (ConnectException notSent) {
                            Thread.sleep(10);
                            continue;
                        } catch (IOException noAnswer) {
                            unanswered.add(new Unanswered(node, cost));
                            continue;
                        }
                        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                        if (answer.body().at("/valid").asBoolean()) {
                            grants.incrementAndGet();
                            long units = grantedUnits.addAndGet(cost);
                            if (interruption != null && units >= interruption.afterUnits()
                                    && units - cost < interruption.afterUnits()) {
                                interruption.action().run();
                            }
                            cost = 1 + costs.nextInt(7);
                        } else {
                            assertThat(answer.body().at("/reason").asText()).as(answer.raw())
                                    .isEqualTo("INSUFFICIENT_CREDITS");
                            refusals.incrementAndGet();
                            if (cost == 1) {
                                return null;
                            }
                            cost = 1;
                        }
                    }
                }));
            }
            go.countDown();
            for (Future<?> spender : running) {
                spender.get();
            }
        } finally {
            spenders.shutdownNow();
        }
        return new Race(grants.get(), grantedUnits.get(), refusals.get(), List.copyOf(unanswered));
    }

    // --- seeding and reading, through the API as an operator and a service would

    /** A registered user and their primary key. */
    record Account(String userId, String username, String key) {
    }

    /** A new user on the default plan whose balance holds {@code credits}, granted by the super admin. */
    private Account aUserWith(long credits) throws Exception {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Answer registered = JsonExchange.send(client, nodes.get(1).port(), "POST", "/v1/users/register", null,
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        Account account = new Account(registered.body().at("/user/id").asText(), username,
                registered.body().at("/api_key/key").asText());
        Answer granted = JsonExchange.send(client, nodes.get(0).port(), "POST",
                "/v1/admin/users/" + account.userId() + "/credits", admin,
                Map.of("meter", "credits", "amount", credits, "reason", "scale-out test"));
        assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
        return account;
    }

    private Answer verify(ServerJar node, String key, int cost) throws IOException, InterruptedException {
        return JsonExchange.send(client, node.port(), "POST", "/v1/keys/verify", SERVICE_TOKEN,
                Map.of("key", key, "meter", "credits", "cost", cost));
    }

    private Answer verifyFrom(ServerJar node, String key, String clientIp) throws IOException, InterruptedException {
        return JsonExchange.send(client, node.port(), "POST", "/v1/keys/verify", SERVICE_TOKEN,
                Map.of("key", key, "meter", "credits", "cost", 0, "client_ip", clientIp));
    }

    private long remaining(ServerJar node, Account owner) throws Exception {
        Answer answer = verify(node, owner.key(), 0);
        assertThat(answer.body().at("/valid").asBoolean()).as(answer.raw()).isTrue();
        return answer.body().at("/meters/credits/remaining").asLong();
    }

    /** The usage the store recorded for the owner, summed over days and keys. */
    record Usage(long calls, long granted, long units) {
    }

    private Usage usage(Account owner) throws Exception {
        Answer answer = JsonExchange.send(client, nodes.get(0).port(), "GET", "/v1/users/usage?days=2", owner.key(), null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        long calls = 0;
        long granted = 0;
        long units = 0;
        for (var day : answer.body().at("/daily")) {
            calls += day.at("/calls").asLong();
            granted += day.at("/granted").asLong();
            units += day.at("/units").asLong();
        }
        return new Usage(calls, granted, units);
    }

    private static boolean refusedFor(Answer answer, String reason) {
        return answer.status() == 200 && !answer.body().at("/valid").asBoolean()
                && reason.equals(answer.body().at("/reason").asText());
    }

    // --- processes

    /** What the shared nodes warned of (Redis unreachable, say), for a failure's message; the mails they log are left out. */
    private String warnings() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String line : nodes.get(i).stdout()) {
                boolean warning = line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"");
                if (warning && !line.contains("dev.tollgate.server.LogMailer")) {
                    lines.add("node " + i + ": " + line);
                }
            }
        }
        return lines.isEmpty() ? "nothing" : String.join("\n", lines);
    }

    /** Starts {@code count} nodes at once and waits until each serves. */
    private List<ServerJar> startNodes(String name, int count) throws IOException {
        List<ServerJar> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path directory = Files.createDirectories(root.resolve(name + "-" + i));
            Map<String, String> settings = new HashMap<>(environment);
            settings.put("TOLLGATE_DATA_DIR", directory.resolve("data").toString());
            started.add(ServerJar.start(directory, settings));
        }
        for (ServerJar node : started) {
            node.awaitReady(); // they start side by side meanwhile
        }
        return started;
    }

    // --- waiting

    /** An HTTP call, or anything read through one. */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    /**
     * Makes {@code change}, then asks with {@code probe} until {@code noticed} holds, and answers
     * how long that took; fails after {@link #PATIENCE}. The figure is printed, never asserted.
     */
    private static String propagation(Probe<Answer> change, Probe<Answer> probe, Predicate<Answer> noticed)
            throws Exception {
        Answer changed = change.get();
        assertThat(changed.status()).as(changed.raw()).isBetween(200, 204);
        long changedAt = System.nanoTime();
        eventually(probe, noticed, "the change, on the other process");
        return Duration.ofNanos(System.nanoTime() - changedAt).toMillis() + " ms";
    }

    /** Asks until {@code condition} holds, ending as soon as it does; fails after {@link #PATIENCE}. */
    private static <T> void eventually(Probe<T> probe, Predicate<T> condition, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (T last = probe.get(); !condition.test(last); last = probe.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " did not hold within " + PATIENCE + "; last seen: " + last);
            }
            Thread.sleep(5);
        }
    }
}
