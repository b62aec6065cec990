package dev.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The rules of module direction (see ARCHITECTURE.md), checked over the main classes of every
 * module. ArchUnit fails a rule that matches no class, so a renamed package cannot silently
 * switch a rule off.
 */
class ArchitectureTest {

    private static final JavaClasses TOLLGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate");

    private static final String[] JDK = {"java..", "javax.crypto.."};

    @Test
    void ports_dependOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.tollgate.port..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(withJdk("dev.tollgate.port.."))
                .check(TOLLGATE);
    }

    @Test
    void core_dependsOnTheJdkAndThePortsOnly() {
        classes().that().resideInAPackage("dev.tollgate.core..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(withJdk("dev.tollgate.core..", "dev.tollgate.port.."))
                .check(TOLLGATE);
    }

    @Test
    void adapters_neverDependOnTheCore() {
        noClasses().that().resideInAPackage("dev.tollgate.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.tollgate.core..")
                .check(TOLLGATE);
    }

    /** The one exception: the PostgreSQL and SQLite stores are dialects of the shared SQL stores. */
    @Test
    void adapters_neverDependOnEachOther_butTheSqlDialectsOnTheSharedSqlStores() {
        slices().matching("dev.tollgate.adapter.(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAnyPackage("dev.tollgate.adapter.postgres..", "dev.tollgate.adapter.sqlite.."),
                        resideInAPackage("dev.tollgate.adapter.sql.."))
                .check(TOLLGATE);
    }

    @Test
    void theContractTestKit_dependsOnThePortsOnly() {
        noClasses().that().resideInAPackage("dev.tollgate.tck..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.core..", "dev.tollgate.adapter..")
                .check(TOLLGATE);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.tollgate.(**)").should().beFreeOfCycles().check(TOLLGATE);
    }

    @Test
    void ports_areInterfacesOrValueTypes() {
        classes().that().resideInAPackage("dev.tollgate.port..")
                .and().haveModifier(JavaModifier.PUBLIC)
                .and().areNotAssignableTo(Throwable.class)
                .should(beAnInterfaceRecordOrEnum())
                .check(TOLLGATE);
    }

    private static String[] withJdk(String... packages) {
        String[] all = new String[JDK.length + packages.length];
        System.arraycopy(JDK, 0, all, 0, JDK.length);
        System.arraycopy(packages, 0, all, JDK.length, packages.length);
        return all;
    }

    private static ArchCondition<JavaClass> beAnInterfaceRecordOrEnum() {
        DescribedPredicate<JavaClass> valueOrPort = DescribedPredicate.describe("an interface, record or enum",
                c -> c.isInterface() || c.isRecord() || c.isEnum());
        return new ArchCondition<>("be " + valueOrPort.getDescription()) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (!valueOrPort.test(item)) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is a class; ports hold only "
                            + valueOrPort.getDescription() + " types (and exceptions)"));
                }
            }
        };
    }
}
