package dev.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The module picture of Tollgate as a small language, so the rules of direction read the way the
 * picture in {@code docs/ARCHITECTURE.md} looks:
 *
 * <pre>{@code
 * TollgateArchitecture.boundedBy("dev.tollgate")
 *         .ports("port").api("api").spi("spi").settings("settings")
 *         .core("core").sharedPackages("secret", "text")
 *         .contractTestKit("tck").sharedPackages("support")
 *         .adapters("adapter")
 *             .adapter("memory")
 *             .adapter("sql").sharedPackages("dialect")
 *             .adapter("postgres").builtOn("sql")
 *         .infrastructureFeatures("code", "limit", "mail", "random", "user")
 *         .check(classes);
 * }</pre>
 *
 * <p>Package names are relative: a layer's to the base package, a part of the ports to the ports,
 * an adapter's to the adapters. Whatever in the base package is none of these is the wiring
 * (bootstrap, server), which may see everything and which nothing else may see.
 *
 * <p>Nothing switches a rule off silently: every package the picture names must hold classes, a
 * rule that finds nothing to check fails, and a tolerated dependency that no longer exists fails
 * until its toleration is removed.
 *
 * <p>A picture is drawn once (the sections share it) and then only read.
 */
public class TollgateArchitecture {

    private static final String INTERNAL = "internal";
    private static final DescribedPredicate<JavaClass> JDK = DescribedPredicate.describe("the JDK",
            c -> c.getPackageName().startsWith("java.") || c.getPackageName().startsWith("javax.crypto"));

    private final Picture picture;

    private TollgateArchitecture(Picture picture) {
        this.picture = picture;
    }

    /** A picture of the modules under {@code basePackage}. */
    public static TollgateArchitecture boundedBy(String basePackage) {
        return new TollgateArchitecture(new Picture(requireName(basePackage)));
    }

    /** The ports (the published language): their API, SPI and settings follow. */
    public Ports ports(String relativePackage) {
        picture.ports = picture.qualified(relativePackage);
        return new Ports(picture);
    }

    /** The core: rules and the services implementing the API through the SPI. */
    public Layer core(String relativePackage) {
        picture.core = picture.qualified(relativePackage);
        return new Layer(picture, picture.core);
    }

    /** The contract test kit every store proves itself with. */
    public Layer contractTestKit(String relativePackage) {
        picture.tck = picture.qualified(relativePackage);
        return new Layer(picture, picture.tck);
    }

    /** The adapters, each named by its package under this one: the adapters follow. */
    public Adapters adapters(String relativePackage) {
        picture.adapters = picture.qualified(relativePackage);
        return new Adapters(picture);
    }

    /**
     * The feature packages that name no use case of the API but infrastructure the core needs
     * ({@code mail}, {@code random}, ...): each is a package of the SPI.
     */
    public TollgateArchitecture infrastructureFeatures(String... names) {
        for (String name : names) {
            picture.infrastructure.add(requireName(name));
        }
        return this;
    }

    /**
     * Tolerates the dependency of class {@code from} (and its nested classes) on class {@code to}
     * (and its nested classes), both relative to the base package, in the dependency rules, for
     * the reason given; a cycle through it still fails. It must exist.
     */
    public TollgateArchitecture tolerating(String from, String to, String because) {
        picture.tolerated.add(new Toleration(picture.qualified(from), picture.qualified(to), requireName(because)));
        return this;
    }

    /** Every rule of the picture; {@link #check} checks them all. */
    public List<BoundaryRule> rules() {
        return List.of(everyNamedPackageHoldsClasses(), everyToleratedDependencyStillExists(),
                portsDependOnTheJdkOnly(), apiDoesNotDependOnSpi(), spiDoesNotDependOnApi(), portsAreValueTypesOrInterfaces(),
                coreDependsOnTheJdkAndThePortsOnly(), contractTestKitDependsOnThePortsOnly(),
                adaptersNeverDependOnTheCore(), adaptersDependOnNoOtherModule_butThePortsAndTheAdaptersTheyAreBuiltOn(),
                internalPackagesAreUsedOnlyInsideTheirModule(), everyUseCaseIsImplementedByAServiceOfItsFeature(),
                everyPackageIsNamedForAFeature(), packagesHaveNoCycles());
    }

    /** Checks every rule; fails naming each broken one with its violations. */
    public void check(JavaClasses classes) {
        List<BoundaryRule> rules = rules();
        List<String> broken = new ArrayList<>();
        for (BoundaryRule rule : rules) {
            try {
                rule.check(classes);
            } catch (AssertionError failure) {
                broken.add("* " + rule.name() + "\n" + failure.getMessage());
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionError(broken.size() + " of " + rules.size() + " boundaries of " + picture.base
                    + " are broken:\n\n" + String.join("\n\n", broken));
        }
    }

    // --- the rules ---------------------------------------------------------------------------

    /** Each package the picture names holds at least one class, so a misspelt name fails. */
    public BoundaryRule everyNamedPackageHoldsClasses() {
        return new BoundaryRule("every package the picture names holds classes", classes -> {
            List<String> empty = picture.namedPackages().stream()
                    .filter(name -> classes.stream().noneMatch(c -> inPackage(c, name)))
                    .toList();
            if (!empty.isEmpty()) {
                throw new AssertionError("no class lies in " + String.join(", ", empty)
                        + ": a package was renamed or is misspelt in the picture");
            }
        });
    }

    /** A toleration is removed once its dependency is gone, so it cannot hide a later one. */
    public BoundaryRule everyToleratedDependencyStillExists() {
        return new BoundaryRule("every tolerated dependency still exists", classes -> {
            List<String> gone = picture.tolerated.stream()
                    .filter(toleration -> classes.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                            .noneMatch(toleration::covers))
                    .map(Toleration::toString)
                    .toList();
            if (!gone.isEmpty()) {
                throw new AssertionError("no longer needed, remove the toleration: " + String.join("; ", gone));
            }
        });
    }

    public BoundaryRule portsDependOnTheJdkOnly() {
        return dependencyRule("the ports depend on the JDK only", picture.ports, JDK.or(in(picture.ports)));
    }

    public BoundaryRule apiDoesNotDependOnSpi() {
        return dependencyRule("the API (use cases) does not depend on the SPI", picture.api(),
                DescribedPredicate.not(in(picture.spi())));
    }

    public BoundaryRule spiDoesNotDependOnApi() {
        return dependencyRule("the SPI does not depend on the API (use cases)", picture.spi(),
                DescribedPredicate.not(in(picture.api())));
    }

    /** Ports hold interfaces and value types; a public class there (but an exception) is an implementation. */
    public BoundaryRule portsAreValueTypesOrInterfaces() {
        ArchCondition<JavaClass> valueTypeOrInterface = condition("be an interface, record or enum",
                (item, events) -> {
                    if (!(item.isInterface() || item.isRecord() || item.isEnum())) {
                        events.add(SimpleConditionEvent.violated(item, item.getName()
                                + " is a class; ports hold only interfaces, records, enums and exceptions"));
                    }
                });
        return archRule("the ports hold only interfaces, records, enums and exceptions", classes()
                .that(in(picture.ports)).and().haveModifier(JavaModifier.PUBLIC).and().areNotAssignableTo(Throwable.class)
                .should(valueTypeOrInterface));
    }

    public BoundaryRule coreDependsOnTheJdkAndThePortsOnly() {
        return dependencyRule("the core depends on the JDK and the ports only", picture.core,
                JDK.or(in(picture.core)).or(in(picture.ports)));
    }

    public BoundaryRule contractTestKitDependsOnThePortsOnly() {
        return dependencyRule("the contract test kit depends on no Tollgate module but the ports", picture.tck,
                DescribedPredicate.not(in(picture.base)).or(in(picture.tck)).or(in(picture.ports)));
    }

    public BoundaryRule adaptersNeverDependOnTheCore() {
        return dependencyRule("adapters never depend on the core", picture.adapters,
                DescribedPredicate.not(in(picture.core)));
    }

    /** Not on another adapter (but those it is built on), the contract test kit or the wiring. */
    public BoundaryRule adaptersDependOnNoOtherModule_butThePortsAndTheAdaptersTheyAreBuiltOn() {
        ArchCondition<JavaClass> ownModuleOrPorts = condition("depend on no Tollgate module but the ports, "
                + "their own and the adapters they are built on", (origin, events) -> {
                    Optional<Adapter> adapter = picture.adapterOf(origin);
                    if (adapter.isEmpty()) {
                        events.add(SimpleConditionEvent.violated(origin, origin.getName()
                                + " lies in no adapter of the picture: name its adapter"));
                        return;
                    }
                    Set<String> allowed = new LinkedHashSet<>();
                    allowed.add(picture.ports);
                    allowed.add(adapter.get().fullPackage);
                    adapter.get().builtOn.forEach(other -> allowed.add(picture.adapters + "." + other));
                    violations(origin, events, target -> !inPackage(target, picture.base)
                            || allowed.stream().anyMatch(name -> inPackage(target, name)),
                            " (" + adapter.get().name + " may use " + allowed + ")");
                });
        return archRule("an adapter depends on no other Tollgate module but the ports and the adapters it is built on",
                classes().that(in(picture.adapters)).should(ownModuleOrPorts));
    }

    /** An {@code internal} package is its module's own: nothing outside the module uses it. */
    public BoundaryRule internalPackagesAreUsedOnlyInsideTheirModule() {
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("lie in an internal package",
                c -> inPackage(c, picture.base) && ("." + c.getPackageName() + ".").contains("." + INTERNAL + "."));
        ArchCondition<JavaClass> usedInsideTheirModule = condition("be used only inside their module", (item, events) -> {
            String module = picture.moduleOf(item);
            for (Dependency use : item.getDirectDependenciesToSelf()) {
                if (!picture.moduleOf(use.getOriginClass()).equals(module) && !picture.isTolerated(use)) {
                    events.add(SimpleConditionEvent.violated(use, use.getDescription() + ", outside " + module));
                }
            }
        });
        return archRule("internal packages are used only inside their module", classes().that(internal)
                .should(usedInsideTheirModule));
    }

    /** A use case {@code port.api.<feature>.X} is implemented by a {@code ...Service} in {@code core.<feature>}. */
    public BoundaryRule everyUseCaseIsImplementedByAServiceOfItsFeature() {
        DescribedPredicate<JavaClass> useCase = DescribedPredicate.describe(
                "are use cases (top-level interfaces, not sealed, of a feature package of the API)",
                c -> c.isInterface() && c.isTopLevelClass() && picture.featureOf(c, picture.api()).isPresent()
                        && !c.reflect().isSealed());
        ArchCondition<JavaClass> implementedByItsService = condition("be implemented by a ...Service class in the "
                + "core package of the same feature", (item, events) -> {
                    String feature = picture.featureOf(item, picture.api()).orElseThrow();
                    String expected = picture.core + "." + feature;
                    Set<JavaClass> implementations = item.getAllSubclasses().stream()
                            .filter(c -> !c.isInterface()).collect(Collectors.toSet());
                    boolean byItsService = implementations.stream().anyMatch(c -> c.getPackageName().equals(expected)
                            && c.getSimpleName().endsWith("Service"));
                    if (!byItsService) {
                        events.add(SimpleConditionEvent.violated(item, item.getName() + " is implemented by "
                                + (implementations.isEmpty() ? "no class" : names(implementations))
                                + ", not by a ...Service in " + expected));
                    }
                });
        return archRule("every use case is implemented by a ...Service of its feature in the core",
                classes().that(useCase).should(implementedByItsService));
    }

    /**
     * The feature packages of the SPI, the core, the test kit and each adapter bear the names of
     * the API's features or of the infrastructure features, besides {@code internal} and the
     * layer's shared packages.
     */
    public BoundaryRule everyPackageIsNamedForAFeature() {
        DescribedPredicate<JavaClass> inAFeatureLayer = DescribedPredicate.describe(
                "lie in the SPI, the core, the contract test kit or an adapter", c -> picture.featureLayerOf(c).isPresent());
        return archRule("every package of the SPI, the core, the test kit and the adapters is named for a feature",
                classes -> classes().that(inAFeatureLayer).should(namedForAFeature(picture.apiFeatures(classes))));
    }

    private ArchCondition<JavaClass> namedForAFeature(Set<String> apiFeatures) {
        return condition("lie in a package named for a feature of the API " + apiFeatures
                + ", an infrastructure feature " + picture.infrastructure + ", " + INTERNAL + " or a shared package",
                (item, events) -> {
                    String layer = picture.featureLayerOf(item).orElseThrow();
                    Optional<String> feature = picture.featureOf(item, layer);
                    if (feature.isEmpty()) {
                        return; // the layer's own root package
                    }
                    Set<String> known = new TreeSet<>(apiFeatures);
                    known.addAll(picture.infrastructure);
                    known.addAll(picture.shared.getOrDefault(layer, Set.of()));
                    known.add(INTERNAL);
                    if (!known.contains(feature.get())) {
                        events.add(SimpleConditionEvent.violated(item, item.getName() + " lies in " + layer + "."
                                + feature.get() + ", but '" + feature.get() + "' is no feature of the API, no "
                                + "infrastructure feature and no shared package there; known: " + known));
                    }
                });
    }

    /** No cycle between any two packages; a tolerated dependency counts here too. */
    public BoundaryRule packagesHaveNoCycles() {
        return archRule("packages have no cycles", slices().matching(picture.base + ".(**)").should().beFreeOfCycles());
    }

    // --- the sections of the picture ---------------------------------------------------------

    /** The ports: name their API, SPI and settings. */
    public static final class Ports extends TollgateArchitecture {
        private Ports(Picture picture) {
            super(picture);
        }

        /** The driving side: use cases with their commands and results, by feature. */
        public Ports api(String relativePackage) {
            picture().api = requireName(relativePackage);
            return this;
        }

        /** The driven side: stores and infrastructure the core needs, by feature. */
        public Ports spi(String relativePackage) {
            picture().spi = requireName(relativePackage);
            return this;
        }

        /** The settings the core is built from. */
        public Ports settings(String relativePackage) {
            picture().settings = requireName(relativePackage);
            return this;
        }
    }

    /** A layer organised by feature: name its packages that serve several features. */
    public static final class Layer extends TollgateArchitecture {
        private final String fullPackage;

        private Layer(Picture picture, String fullPackage) {
            super(picture);
            this.fullPackage = fullPackage;
        }

        /** Packages of this layer shared by several features ({@code core.secret}), not named for one. */
        public Layer sharedPackages(String... names) {
            picture().share(fullPackage, names);
            return this;
        }
    }

    /** The adapters: name each one. */
    public static class Adapters extends TollgateArchitecture {
        private Adapters(Picture picture) {
            super(picture);
        }

        /** An adapter, by its package under the adapters' (one module each). */
        public AdapterSection adapter(String name) {
            Adapter adapter = new Adapter(requireName(name), picture().adapters + "." + name);
            if (picture().adapterList.put(name, adapter) != null) {
                throw new IllegalArgumentException("adapter " + name + " is named twice");
            }
            return new AdapterSection(picture(), adapter);
        }
    }

    /** One adapter: what it is built on, and its shared packages. */
    public static final class AdapterSection extends Adapters {
        private final Adapter adapter;

        private AdapterSection(Picture picture, Adapter adapter) {
            super(picture);
            this.adapter = adapter;
        }

        /** The adapters this one builds on (the SQL dialects on the shared SQL stores). */
        public AdapterSection builtOn(String... adapters) {
            for (String other : adapters) {
                adapter.builtOn.add(requireName(other));
            }
            return this;
        }

        /** Packages of this adapter shared by several features ({@code adapter.sql.dialect}). */
        public AdapterSection sharedPackages(String... names) {
            picture().share(adapter.fullPackage, names);
            return this;
        }
    }

    Picture picture() {
        return picture;
    }

    // --- the model ---------------------------------------------------------------------------

    /** A rule with the sentence it says. */
    public record BoundaryRule(String name, Consumer<JavaClasses> check) {
        public void check(JavaClasses classes) {
            check.accept(classes);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Toleration(String from, String to, String because) {
        boolean covers(Dependency dependency) {
            return isOrNests(dependency.getOriginClass(), from) && isOrNests(dependency.getTargetClass().getBaseComponentType(), to);
        }

        private static boolean isOrNests(JavaClass c, String name) {
            return c.getName().equals(name) || c.getName().startsWith(name + "$");
        }

        @Override
        public String toString() {
            return from + " -> " + to + " (" + because + ")";
        }
    }

    private static final class Adapter {
        final String name;
        final String fullPackage;
        final Set<String> builtOn = new TreeSet<>();

        Adapter(String name, String fullPackage) {
            this.name = name;
            this.fullPackage = fullPackage;
        }
    }

    /** What the sections draw, read by the rules. */
    private static final class Picture {
        final String base;
        String ports;
        String api;
        String spi;
        String settings;
        String core;
        String tck;
        String adapters;
        final Map<String, Adapter> adapterList = new LinkedHashMap<>();
        final Map<String, Set<String>> shared = new LinkedHashMap<>();
        final Set<String> infrastructure = new TreeSet<>();
        final List<Toleration> tolerated = new ArrayList<>();

        Picture(String base) {
            this.base = base;
        }

        void share(String layer, String... names) {
            for (String name : names) {
                shared.computeIfAbsent(layer, k -> new TreeSet<>()).add(requireName(name));
            }
        }

        String qualified(String relative) {
            return base + "." + requireName(relative);
        }

        String api() {
            return required(ports, "ports") + "." + required(api, "ports' api");
        }

        String spi() {
            return required(ports, "ports") + "." + required(spi, "ports' spi");
        }

        String settings() {
            return required(ports, "ports") + "." + required(settings, "ports' settings");
        }

        List<String> namedPackages() {
            List<String> named = new ArrayList<>(List.of(required(ports, "ports"), api(), spi(), settings(),
                    required(core, "core"), required(tck, "contract test kit"), required(adapters, "adapters")));
            adapterList.values().forEach(adapter -> named.add(adapter.fullPackage));
            adapterList.values().forEach(adapter -> adapter.builtOn.forEach(other -> {
                if (!adapterList.containsKey(other)) {
                    named.add(adapters + "." + other + " (" + adapter.name + " is built on it, but the picture lacks it)");
                }
            }));
            shared.forEach((layer, names) -> names.forEach(name -> named.add(layer + "." + name)));
            infrastructure.forEach(name -> named.add(spi() + "." + name));
            return named;
        }

        /** The feature layers: the SPI, the core, the test kit and each adapter. */
        Optional<String> featureLayerOf(JavaClass c) {
            if (inPackage(c, spi())) {
                return Optional.of(spi());
            }
            if (inPackage(c, core)) {
                return Optional.of(core);
            }
            if (inPackage(c, tck)) {
                return Optional.of(tck);
            }
            return adapterOf(c).map(adapter -> adapter.fullPackage);
        }

        /** The first package name under {@code layer}, if {@code c} lies below the layer's root. */
        Optional<String> featureOf(JavaClass c, String layer) {
            String name = c.getPackageName();
            if (!name.startsWith(layer + ".")) {
                return Optional.empty();
            }
            String rest = name.substring(layer.length() + 1);
            int dot = rest.indexOf('.');
            return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        /** The API's features: the packages right under it that hold a class. */
        Set<String> apiFeatures(JavaClasses classes) {
            Set<String> features = new TreeSet<>();
            classes.forEach(c -> featureOf(c, api()).ifPresent(features::add));
            return features;
        }

        Optional<Adapter> adapterOf(JavaClass c) {
            return adapterList.values().stream().filter(adapter -> inPackage(c, adapter.fullPackage)).findFirst();
        }

        /** The module a class belongs to: the ports, the core, the test kit, one adapter, or the wiring. */
        String moduleOf(JavaClass c) {
            for (String module : List.of(ports, core, tck)) {
                if (inPackage(c, module)) {
                    return module;
                }
            }
            return adapterOf(c).map(adapter -> adapter.fullPackage)
                    .orElse(inPackage(c, base) ? "the wiring" : c.getPackageName());
        }

        boolean isTolerated(Dependency dependency) {
            return tolerated.stream().anyMatch(toleration -> toleration.covers(dependency));
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Classes of {@code layer} depend only on classes {@code allowed}, or where tolerated. */
    private BoundaryRule dependencyRule(String name, String layer, DescribedPredicate<JavaClass> allowed) {
        ArchCondition<JavaClass> dependOnlyOnAllowed = condition("depend only on " + allowed.getDescription(),
                (origin, events) -> violations(origin, events, allowed, ""));
        return archRule(name, classes().that(in(layer)).should(dependOnlyOnAllowed));
    }

    private void violations(JavaClass origin, ConditionEvents events, Predicate<JavaClass> allowed,
            String note) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
            JavaClass target = dependency.getTargetClass().getBaseComponentType();
            if (!target.isPrimitive() && !allowed.test(target) && !picture.isTolerated(dependency)) {
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + note));
            }
        }
    }

    /** An ArchUnit rule that fails when it finds no class to check. */
    private static BoundaryRule archRule(String name, ArchRule rule) {
        return archRule(name, classes -> rule);
    }

    /** An ArchUnit rule made for the classes it checks, failing when it finds no class to check. */
    private static BoundaryRule archRule(String name, Function<JavaClasses, ArchRule> rule) {
        return new BoundaryRule(name, classes -> rule.apply(classes).allowEmptyShould(false).as(name).check(classes));
    }

    private static ArchCondition<JavaClass> condition(String description,
            BiConsumer<JavaClass, ConditionEvents> check) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                check.accept(item, events);
            }
        };
    }

    private static DescribedPredicate<JavaClass> in(String packageName) {
        return DescribedPredicate.describe(packageName, c -> inPackage(c, packageName));
    }

    private static boolean inPackage(JavaClass c, String packageName) {
        String name = c.getPackageName();
        return name.equals(packageName) || name.startsWith(packageName + ".");
    }

    private static String names(Set<JavaClass> classes) {
        return classes.stream().map(JavaClass::getName).sorted().collect(Collectors.joining(", "));
    }

    private static String required(String value, String what) {
        if (value == null) {
            throw new IllegalStateException("the picture names no " + what);
        }
        return value;
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a name of the picture is blank");
        }
        return name;
    }
}
