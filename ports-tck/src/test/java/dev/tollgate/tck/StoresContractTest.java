package dev.tollgate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.metering.CountedConsumptionContract;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@link StoresContract} runs every port's contract, each on stores of its own that close after it. */
class StoresContractTest {

    /**
     * Contracts beyond the one per port: {@code MeterLedger.consumeCounted} has its own, since it
     * works with the window counters of the same stores.
     */
    private static final Map<String, String> SECOND_CONTRACTS =
            Map.of("CountedConsumption", CountedConsumptionContract.class.getName());

    @BeforeEach
    void forgetEarlierRuns() {
        Recording.reset();
    }

    @Test
    void runsOneNestedContract_perPortOfStores_eachExtendingThatPortsContract() throws ClassNotFoundException {
        Map<String, String> contractOfPort = new TreeMap<>();
        for (RecordComponent port : Stores.class.getRecordComponents()) {
            Class<?> type = port.getType();
            String contract = type.getPackageName().replace("dev.tollgate.port.spi.", "dev.tollgate.tck.") + "."
                    + type.getSimpleName() + "Contract";
            contractOfPort.put(type.getSimpleName(), Class.forName(contract).getName());
        }
        contractOfPort.putAll(SECOND_CONTRACTS);

        Map<String, String> nested = new TreeMap<>();
        for (Class<?> inner : StoresContract.class.getDeclaredClasses()) {
            if (inner.isAnnotationPresent(Nested.class)) {
                assertThat(Modifier.isStatic(inner.getModifiers())).as(inner.getSimpleName()).isFalse();
                String port = inner.getSuperclass().getSimpleName().replaceFirst("Contract$", "");
                nested.put(port, inner.getSuperclass().getName());
            }
        }

        assertThat(nested).isEqualTo(contractOfPort);
    }

    @Test
    void asksForFreshStores_oncePerContract_andClosesWhatTheyRegistered_afterThatContractsTests() {
        Run run = Run.of(UnsupportedStoresContract.class);

        int ports = Stores.class.getRecordComponents().length + SECOND_CONTRACTS.size();
        assertThat(run.testsPerContract()).hasSize(ports).allSatisfy((contract, tests) -> assertThat(tests).isPositive());
        assertThat(Recording.opened).hasValue(ports);
        assertThat(Recording.closed).containsExactlyElementsOf(Recording.openedResources);
        assertThat(Recording.closedBeforeNextOpened).isTrue();
        assertThat(run.failureTypes()).as("every test reached the stores, which refused, and only then failed")
                .contains(UnsupportedOperationException.class.getName())
                .isSubsetOf(UnsupportedOperationException.class.getName(), AssertionError.class.getName());
    }

    @Test
    void closesWhatWasRegistered_andFailsTheContractsTests_whenOpeningFails() {
        Run run = Run.of(FailingStoresContract.class);

        assertThat(Recording.opened.get()).isPositive();
        assertThat(Recording.closed).containsExactlyElementsOf(Recording.openedResources);
        assertThat(run.failureTypes()).containsOnly(IllegalStateException.class.getName());
        assertThat(run.failureMessages()).allSatisfy(message -> assertThat(message).isEqualTo("no database today"));
    }

    /** Stores whose every method throws: enough to see the contracts reach them. */
    static Stores unsupportedStores() {
        RecordComponent[] ports = Stores.class.getRecordComponents();
        Class<?>[] types = Arrays.stream(ports).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] stores = Arrays.stream(types).map(StoresContractTest::unsupported).toArray();
        try {
            Constructor<Stores> canonical = Stores.class.getDeclaredConstructor(types);
            return canonical.newInstance(stores);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object unsupported(Class<?> port) {
        return Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(port.getSimpleName() + "." + method.getName());
        });
    }

    /** What the fixtures saw; the launcher runs them in this JVM, one test at a time. */
    static final class Recording {
        static final AtomicInteger opened = new AtomicInteger();
        static final List<String> openedResources = Collections.synchronizedList(new ArrayList<>());
        static final List<String> closed = Collections.synchronizedList(new ArrayList<>());
        static volatile boolean closedBeforeNextOpened = true;

        static void reset() {
            opened.set(0);
            openedResources.clear();
            closed.clear();
            closedBeforeNextOpened = true;
        }

        static AutoCloseable resource() {
            if (closed.size() != openedResources.size()) {
                closedBeforeNextOpened = false;
            }
            String name = "resource " + opened.incrementAndGet();
            openedResources.add(name);
            return () -> closed.add(name);
        }
    }

    /** Run by {@link #asksForFreshStores_oncePerContract_andClosesWhatTheyRegistered_afterThatContractsTests}. */
    static class UnsupportedStoresContract extends StoresContract {
        @Override
        protected Stores newStores(Closer closer) {
            closer.register(Recording.resource());
            return unsupportedStores();
        }
    }

    /** Run by {@link #closesWhatWasRegistered_andFailsTheContractsTests_whenOpeningFails}. */
    static class FailingStoresContract extends StoresContract {
        @Override
        protected Stores newStores(Closer closer) {
            closer.register(Recording.resource());
            throw new IllegalStateException("no database today");
        }
    }

    /** The tests of one launcher run, by the contract they belong to, with their failures. */
    private record Run(Map<String, Integer> testsPerContract, List<Throwable> failures) {

        static Run of(Class<?> testClass) {
            Map<String, Integer> tests = new TreeMap<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (!test.isTest()) {
                                return;
                            }
                            String contract = test.getUniqueId().replaceAll(".*\\[nested-class:([^\\]]+)\\].*", "$1");
                            tests.merge(contract, 1, Integer::sum);
                            result.getThrowable().ifPresent(failures::add);
                        }
                    });
            return new Run(tests, failures);
        }

        List<String> failureTypes() {
            return failures.stream().map(failure -> failure.getClass().getName()).distinct().collect(Collectors.toList());
        }

        List<String> failureMessages() {
            return failures.stream().map(Throwable::getMessage).distinct().collect(Collectors.toList());
        }
    }
}
