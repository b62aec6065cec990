package dev.tollgate;

import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second (and third) server process of {@link TwoProcessesTest}: its own JVM with its own
 * Tollgate on the shared PostgreSQL database. It answers on standard output in lines starting
 * with {@link #MARK}, which the parent parses; everything else on standard output is log.
 *
 * <ul>
 *   <li>{@code spend url user password key seed threads calls}: warms up, prints {@code READY}, waits for
 *       {@code GO <wall ms>} on standard input, and at that instant runs {@code threads} threads
 *       that take 1 to 3 credits each call, until a take of 1 is refused, and prints one
 *       {@code RESULT} line.</li>
 *   <li>{@code watch url user password key seed intervalMillis limitMillis}: verifies the key
 *       every {@code intervalMillis}, prints {@code LOOPING <wall ms>} after the first valid
 *       answer and {@code REVOKED <wall ms>} at the first {@code KEY_REVOKED}.</li>
 * </ul>
 *
 * A watchdog halts the JVM after {@link #HARD_LIMIT_MILLIS}, so a child never outlives a
 * broken test run.
 */
public final class TwoProcessesChild {

    static final String MARK = "TWOPROC ";
    static final long HARD_LIMIT_MILLIS = 600_000;

    private TwoProcessesChild() {
    }

    public static void main(String[] args) throws Exception {
        startWatchdog();
        if (args.length != 8) {
            throw new IllegalArgumentException("mode url user password key seed n m; got " + args.length + " arguments");
        }
        String mode = args[0];
        String url = args[1];
        String user = "-".equals(args[2]) ? null : args[2];
        String password = "-".equals(args[3]) ? null : args[3];
        String key = args[4];
        long seed = Long.parseLong(args[5]);
        int first = Integer.parseInt(args[6]);
        int second = Integer.parseInt(args[7]);
        int exit;
        try (Tollgate tollgate = Tollgate.builder()
                .postgres(url, user, password)
                .mailer(new RecordingMailer())
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(seed)))
                .backgroundExecutor(Runnable::run)
                .build()) {
            exit = switch (mode) {
                case "spend" -> spend(tollgate, key, seed, first, second);
                case "watch" -> watch(tollgate, key, first, second);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
        }
        System.out.flush();
        System.exit(exit);
    }

    private static int spend(Tollgate tollgate, String key, long seed, int threads, int callsPerThread)
            throws Exception {
        String coldProblem = warmUp(tollgate, key, threads);
        if (coldProblem != null) {
            say("RESULT granted=0 grants=0 insufficient=0 calls=0 unexpected=warm-up:" + coldProblem);
            return 7;
        }
        say("READY");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String go = stdin.readLine();
        if (go == null) {
            say("ABANDONED");
            return 5;
        }
        AtomicLong granted = new AtomicLong();
        AtomicLong grants = new AtomicLong();
        AtomicLong insufficient = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        Map<String, Integer> unexpected = new TreeMap<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed * 1_000 + t);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    boolean onlyOnes = false;
                    for (int call = 0; call < callsPerThread; call++) {
                        long cost = onlyOnes ? 1 : 1 + random.nextInt(3);
                        calls.incrementAndGet();
                        Outcome<KeyVerification.Granted> answer = tollgate.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", cost));
                        if (answer.isDone()) {
                            granted.addAndGet(cost);
                            grants.incrementAndGet();
                        } else if (answer.problem().code() == ErrorCode.INSUFFICIENT_CREDITS) {
                            insufficient.incrementAndGet();
                            if (cost == 1) {
                                return; // nothing at all is left
                            }
                            onlyOnes = true; // something may be left: spend it one by one
                        } else {
                            note(unexpected, answer.problem().code().name());
                            return;
                        }
                    }
                    note(unexpected, "CALL_LIMIT");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    note(unexpected, e.getClass().getSimpleName());
                } finally {
                    done.countDown();
                }
            }, "spender-" + t);
            worker.start();
        }
        // both processes start at the same wall-clock instant (one machine, one clock)
        long startAt = Long.parseLong(go.strip().split(" ")[1]);
        long wait = startAt - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(Math.min(wait, 5_000));
        }
        start.countDown();
        boolean finished = done.await(180, TimeUnit.SECONDS);
        if (!finished) {
            note(unexpected, "THREADS_TIMED_OUT");
        }
        String others;
        synchronized (unexpected) {
            others = unexpected.isEmpty() ? "none" : unexpected.toString().replace(" ", "");
        }
        say("RESULT granted=" + granted.get() + " grants=" + grants.get() + " insufficient=" + insufficient.get()
                + " calls=" + calls.get() + " unexpected=" + others);
        return finished ? 0 : 6;
    }

    /**
     * Runs the whole verification path from every thread a few times as key checks (cost 0:
     * the verdict and the balances, nothing taken), so classes are loaded, the pool is filled and
     * both processes race for the credits warm. Answers what went wrong, or null.
     */
    private static String warmUp(Tollgate tollgate, String key, int threads) throws InterruptedException {
        Map<String, Integer> problems = new TreeMap<>();
        Thread[] warmers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            warmers[t] = new Thread(() -> {
                for (int call = 0; call < 3; call++) {
                    try {
                        Outcome<KeyVerification.Granted> answer = tollgate.verification()
                                .verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 0));
                        if (!answer.isDone()) {
                            note(problems, String.valueOf(answer.problem().code()));
                        }
                    } catch (RuntimeException e) {
                        note(problems, e.getClass().getSimpleName());
                    }
                }
            }, "warm-up-" + t);
            warmers[t].start();
        }
        for (Thread warmer : warmers) {
            warmer.join(TimeUnit.SECONDS.toMillis(20));
        }
        synchronized (problems) {
            return problems.isEmpty() ? null : problems.toString().replace(" ", "");
        }
    }

    private static void note(Map<String, Integer> unexpected, String what) {
        synchronized (unexpected) {
            unexpected.merge(what, 1, Integer::sum);
        }
    }

    private static int watch(Tollgate tollgate, String key, int intervalMillis, int limitMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        boolean looping = false;
        int valid = 0;
        while (System.nanoTime() < deadline) {
            Outcome<KeyVerification.Granted> answer = tollgate.verification().verify(KeyCheck.of(TenantId.DEFAULT, key));
            long wall = System.currentTimeMillis();
            if (answer.isDone()) {
                valid++;
                if (!looping) {
                    looping = true;
                    say("LOOPING " + wall);
                }
            } else if (answer.problem().code() == ErrorCode.KEY_REVOKED) {
                say("REVOKED " + wall + " valid=" + valid);
                return 0;
            } else {
                say("UNEXPECTED " + answer.problem().code() + " valid=" + valid);
                return 3;
            }
            Thread.sleep(intervalMillis);
        }
        say("TIMEOUT valid=" + valid);
        return 2;
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(MARK + line);
            System.out.flush();
        }
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(HARD_LIMIT_MILLIS);
                say("WATCHDOG");
                Runtime.getRuntime().halt(9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "two-processes-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
