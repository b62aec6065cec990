package dev.tollgate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core's own purity rule: the JDK and the ports, nothing else. The rules between modules
 * live in bootstrap's architecture test, which sees every module.
 */
class CorePurityTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.core");

    @Test
    void core_usesOnlyTheJdkAndThePorts() {
        classes().that().resideInAPackage("dev.tollgate.core..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "dev.tollgate.core..", "dev.tollgate.port..")
                .check(CORE);
    }

    @Test
    void core_startsNoThread_andKeepsNoQueue_thatIsTheAdaptersBusiness() {
        noClasses().that().resideInAPackage("dev.tollgate.core..")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class, String.class)
                .orShould().callConstructor(Thread.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.concurrent.Executors.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.concurrent.BlockingQueue.class.getName())
                .check(CORE);
    }

    @Test
    void corePackages_haveNoCycles() {
        slices().matching("dev.tollgate.core.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
