package dev.tollgate.architecture;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The module picture of docs/ARCHITECTURE.md, checked over the main classes of every module on
 * this test classpath: one test per rule of {@link TollgateArchitecture}. Every adapter the
 * picture names must be on the classpath (the server module depends on all of them), or the
 * first rule fails naming the package it finds empty.
 */
class DependencyRulesTest {

    /** The picture: ports, core, test kit, adapters; everything else under dev.tollgate is the wiring. */
    static final TollgateArchitecture TOLLGATE = TollgateArchitecture.boundedBy("dev.tollgate")
            .ports("port").api("api").spi("spi").settings("settings")
            .core("core").sharedPackages("address", "secret", "text")
            .contractTestKit("tck").sharedPackages("support")
            .adapters("adapter")
                .adapter("memory")
                .adapter("crypto")
                .adapter("zxcvbn")
                .adapter("caffeine")
                .adapter("sql").sharedPackages("dialect", "lease")
                .adapter("postgres").builtOn("sql")
                .adapter("sqlite").builtOn("sql")
                .adapter("http")
                .adapter("smtp")
                .adapter("redis")
                .adapter("mongo")
                .adapter("otp")
                .adapter("zxing")
            .infrastructureFeatures("cache", "code", "limit", "mail", "random", "user");

    /** Main classes only: not test classes, neither from a module's folder nor from a test-jar (as after {@code package}). */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.tollgate");

    @TestFactory
    Stream<DynamicTest> tollgate_keepsEveryBoundaryOfItsPicture() {
        return TOLLGATE.rules().stream().map(rule -> dynamicTest(rule.name(), () -> rule.check(CLASSES)));
    }
}
