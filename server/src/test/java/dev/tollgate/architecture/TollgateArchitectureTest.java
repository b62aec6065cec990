package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.tollgate.architecture.TollgateArchitecture.BoundaryRule;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The picture language itself: it passes a fixture that keeps every boundary, fails one that
 * breaks each rule once (naming the culprit), and fails when a package it names is empty or
 * misspelt, so a rename cannot switch a rule off.
 */
class TollgateArchitectureTest {

    private static final String SOUND = "dev.tollgate.architecture.fixture.sound";
    private static final String BROKEN = "dev.tollgate.architecture.fixture.broken";
    private static final JavaClasses SOUND_CLASSES = new ClassFileImporter().importPackages(SOUND);
    private static final JavaClasses BROKEN_CLASSES = new ClassFileImporter().importPackages(BROKEN);

    /** The fixtures' picture (with an smtp adapter, which only the broken fixture has), with one name changed. */
    private static TollgateArchitecture picture(String base, UnaryOperator<String> rename) {
        return TollgateArchitecture.boundedBy(base)
                .ports(rename.apply("port")).api(rename.apply("api")).spi("spi").settings("settings")
                .core(rename.apply("core")).sharedPackages(rename.apply("text"))
                .contractTestKit("tck")
                .adapters("adapter")
                    .adapter(rename.apply("memory"))
                    .adapter("sql").sharedPackages("dialect")
                    .adapter("postgres").builtOn(rename.apply("sql"))
                    .adapter("smtp")
                .infrastructureFeatures(rename.apply("mail"));
    }

    private static TollgateArchitecture broken() {
        return picture(BROKEN, UnaryOperator.identity());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> brokenRule(
            Function<TollgateArchitecture, BoundaryRule> rule) {
        return assertThatThrownBy(() -> rule.apply(broken()).check(BROKEN_CLASSES)).isInstanceOf(AssertionError.class);
    }

    /** The sound fixture has no smtp adapter: its picture lacks it. */
    private static TollgateArchitecture sound() {
        return TollgateArchitecture.boundedBy(SOUND)
                .ports("port").api("api").spi("spi").settings("settings")
                .core("core").sharedPackages("text")
                .contractTestKit("tck")
                .adapters("adapter")
                    .adapter("memory")
                    .adapter("sql").sharedPackages("dialect")
                    .adapter("postgres").builtOn("sql")
                .infrastructureFeatures("mail");
    }

    @Test
    void aFixtureKeepingEveryBoundary_passesEveryRule() {
        assertThatCode(() -> sound().check(SOUND_CLASSES)).doesNotThrowAnyException();
    }

    @Test
    void portsOnALibrary_breakPortsDependOnTheJdkOnly() {
        brokenRule(TollgateArchitecture::portsDependOnTheJdkOnly).hasMessageContaining("PortOnALibrary")
                .hasMessageContaining("org.assertj");
    }

    @Test
    void anApiTypeUsingAnSpiType_breaksApiDoesNotDependOnSpi() {
        brokenRule(TollgateArchitecture::apiDoesNotDependOnSpi).hasMessageContaining(BROKEN + ".port.api.greeting.Greet.greet")
                .hasMessageContaining("GreetingRecord");
    }

    @Test
    void anSpiTypeUsingAnApiType_breaksSpiDoesNotDependOnApi() {
        brokenRule(TollgateArchitecture::spiDoesNotDependOnApi).hasMessageContaining(BROKEN + ".port.spi.greeting.GreetingRecord")
                .hasMessageContaining(BROKEN + ".port.api.greeting.Greeting");
    }

    @Test
    void aPlainClassInThePorts_breaksPortsAreValueTypesOrInterfaces() {
        brokenRule(TollgateArchitecture::portsAreValueTypesOrInterfaces).hasMessageContaining("MutableSettings is a class");
    }

    @Test
    void theCoreUsingAnAdapter_breaksCoreDependsOnTheJdkAndThePortsOnly() {
        brokenRule(TollgateArchitecture::coreDependsOnTheJdkAndThePortsOnly).hasMessageContaining("GreetingService")
                .hasMessageContaining("InMemoryGreetingStore");
    }

    @Test
    void theTestKitUsingTheCore_breaksContractTestKitDependsOnThePortsOnly() {
        brokenRule(TollgateArchitecture::contractTestKitDependsOnThePortsOnly).hasMessageContaining("GreetingStoreContract")
                .hasMessageContaining(BROKEN + ".core.greeting.GreetingService");
    }

    @Test
    void anAdapterUsingTheCore_breaksAdaptersNeverDependOnTheCore() {
        brokenRule(TollgateArchitecture::adaptersNeverDependOnTheCore).hasMessageContaining("InMemoryGreetingStore")
                .hasMessageContaining(BROKEN + ".core.text.Texts");
    }

    @Test
    void anAdapterUsingAnotherAdapter_breaksTheAdapterRule_butOneBuiltOnItDoesNot() {
        brokenRule(TollgateArchitecture::adaptersDependOnNoOtherModule_butThePortsAndTheAdaptersTheyAreBuiltOn)
                .hasMessageContaining(BROKEN + ".adapter.smtp.SmtpMailer")
                .hasMessageContaining(BROKEN + ".adapter.memory.greeting.InMemoryGreetingStore")
                .hasMessageNotContaining("PostgresDialect");
    }

    @Test
    void anAdapterThePictureLacks_breaksTheAdapterRule() {
        TollgateArchitecture withoutMemory = TollgateArchitecture.boundedBy(SOUND)
                .ports("port").api("api").spi("spi").settings("settings")
                .core("core").sharedPackages("text")
                .contractTestKit("tck")
                .adapters("adapter")
                    .adapter("sql").sharedPackages("dialect")
                    .adapter("postgres").builtOn("sql")
                .infrastructureFeatures("mail");

        assertThatThrownBy(() -> withoutMemory.adaptersDependOnNoOtherModule_butThePortsAndTheAdaptersTheyAreBuiltOn()
                .check(SOUND_CLASSES))
                .hasMessageContaining(SOUND + ".adapter.memory.greeting.InMemoryGreetingStore lies in no adapter of the picture");
    }

    @Test
    void anInternalClassUsedByAnotherModule_breaksInternalPackagesAreUsedOnlyInsideTheirModule() {
        brokenRule(TollgateArchitecture::internalPackagesAreUsedOnlyInsideTheirModule)
                .hasMessageContaining(BROKEN + ".adapter.postgres.PostgresDialect")
                .hasMessageContaining(BROKEN + ".adapter.sql.internal.Database");
    }

    @Test
    void useCasesWithoutAServiceOfTheirFeature_breakEveryUseCaseIsImplementedByAServiceOfItsFeature() {
        brokenRule(TollgateArchitecture::everyUseCaseIsImplementedByAServiceOfItsFeature)
                .hasMessageContaining("Farewell is implemented by " + BROKEN + ".core.greeting.FarewellHandler")
                .hasMessageContaining("Wave is implemented by no class")
                .hasMessageContaining("Welcome is implemented by " + BROKEN + ".core.greeting.WelcomeService, not by a "
                        + "...Service in " + BROKEN + ".core.welcome")
                .hasMessageNotContaining("Greet is")
                .hasMessageNotContaining("Greeting is");
    }

    @Test
    void aPackageNamedForNoFeature_breaksEveryPackageIsNamedForAFeature() {
        brokenRule(TollgateArchitecture::everyPackageIsNamedForAFeature).hasMessageContaining("Salutations lies in "
                + BROKEN + ".core.salutation")
                .hasMessageNotContaining("Texts lies")
                .hasMessageNotContaining("Mailer lies")
                .hasMessageNotContaining("Database lies");
    }

    @Test
    void twoPackagesUsingEachOther_breakPackagesHaveNoCycles() {
        brokenRule(TollgateArchitecture::packagesHaveNoCycles).hasMessageContaining("core.greeting")
                .hasMessageContaining("core.text");
    }

    @Test
    void check_namesEveryBrokenRule() {
        assertThatThrownBy(() -> broken().check(BROKEN_CLASSES))
                .hasMessageContaining("of " + broken().rules().size() + " boundaries of " + BROKEN + " are broken")
                .hasMessageContaining("* the ports depend on the JDK only")
                .hasMessageContaining("* packages have no cycles");
    }

    // --- empty or misspelt packages ----------------------------------------------------------

    @Test
    void aMisspeltAdapter_fails() {
        assertMisspeltNameFails("memory", "memroy", SOUND + ".adapter.memroy");
    }

    @Test
    void aMisspeltLayer_fails() {
        assertMisspeltNameFails("core", "kore", SOUND + ".kore");
    }

    @Test
    void aMisspeltApi_fails() {
        assertMisspeltNameFails("api", "apis", SOUND + ".port.apis");
    }

    @Test
    void aMisspeltSharedPackage_fails() {
        assertMisspeltNameFails("text", "texts", SOUND + ".core.texts");
    }

    @Test
    void aMisspeltInfrastructureFeature_fails() {
        assertMisspeltNameFails("mail", "mial", SOUND + ".port.spi.mial");
    }

    @Test
    void anAdapterBuiltOnOneThePictureLacks_fails() {
        assertMisspeltNameFails("sql", "sqll", SOUND + ".adapter.sqll");
    }

    private static void assertMisspeltNameFails(String name, String misspelt, String emptyPackage) {
        TollgateArchitecture picture = picture(SOUND, given -> given.equals(name) ? misspelt : given);

        assertThatThrownBy(() -> picture.everyNamedPackageHoldsClasses().check(SOUND_CLASSES))
                .hasMessageContaining("no class lies in ")
                .hasMessageContaining(emptyPackage);
    }

    @Test
    void aRuleMatchingNoClass_fails() {
        JavaClasses noUseCases = new ClassFileImporter().importPackages(SOUND + ".core", SOUND + ".port.spi");

        assertThatThrownBy(() -> sound().everyUseCaseIsImplementedByAServiceOfItsFeature()
                .check(noUseCases))
                .hasMessageContaining("failed to check any classes");
        assertThatThrownBy(() -> sound().apiDoesNotDependOnSpi().check(noUseCases))
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void aToleratedDependencyThatIsGone_fails_soTheTolerationIsRemoved() {
        TollgateArchitecture picture = sound()
                .tolerating("port.api.greeting.Greet", "port.spi.greeting.GreetingStore", "no longer true");

        assertThatThrownBy(() -> picture.everyToleratedDependencyStillExists().check(SOUND_CLASSES))
                .hasMessageContaining("no longer needed, remove the toleration: " + SOUND + ".port.api.greeting.Greet -> "
                        + SOUND + ".port.spi.greeting.GreetingStore (no longer true)");
    }

    @Test
    void aToleratedDependency_passesTheRulesItWouldBreak() {
        TollgateArchitecture picture = broken()
                .tolerating("port.api.greeting.Greet", "port.spi.greeting.GreetingRecord", "fixture");

        assertThatCode(() -> picture.apiDoesNotDependOnSpi().check(BROKEN_CLASSES)).doesNotThrowAnyException();
        assertThatCode(() -> picture.everyToleratedDependencyStillExists().check(BROKEN_CLASSES)).doesNotThrowAnyException();
    }

    @Test
    void everyRule_hasADistinctSentence() {
        assertThat(sound().rules()).extracting(BoundaryRule::name).doesNotHaveDuplicates().allSatisfy(name ->
                assertThat(name).isNotBlank());
    }
}
