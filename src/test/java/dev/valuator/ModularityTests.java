package dev.valuator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries of DESIGN.md: {@code scheduling → refresh → {marketdata, prices, valuation} →
 * holdings}; {@code ops} reads; {@code system} is used by all and uses none. Within a module its
 * sub-packages are layers too (docs/architecture.md draws them): each calls only those below it,
 * and no two packages anywhere depend on each other.
 */
class ModularityTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.valuator");

    @Test
    void modulesHaveNoCycles() {
        slices().matching("dev.valuator.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** A package small enough to see whole; past that, its sub-packages are the next layer. */
    @Test
    void noPackageHoldsMoreThanTwentyFiles() throws IOException {
        Map<Path, Long> files;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/valuator"))) {
            files = sources.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.groupingBy(Path::getParent, Collectors.counting()));
        }
        assertThat(files)
                .allSatisfy((directory, count) ->
                        assertThat(count).as(directory.toString()).isLessThanOrEqualTo(20));
    }

    /** Tests configure production code; it never asks whether it is under test, nor mentions tests. */
    @Test
    void productionCodeNeverMentionsTests() throws IOException {
        Pattern mention = Pattern.compile("(?i)(?<!\\.)\\btests?\\b(?!\\()|fortests?\\b|undertest");
        List<String> mentions;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            mentions = sources.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream()
                            .filter(line -> !line.startsWith("import "))
                            .filter(line -> mention.matcher(line).find())
                            .map(line -> f.getFileName() + ": " + line.strip()))
                    .toList();
        }
        assertThat(mentions).isEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.valuator.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void refreshIsLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("web")
                .definedBy("dev.valuator.refresh.web..")
                .layer("cli")
                .definedBy("dev.valuator.refresh.cli..")
                .layer("service")
                .definedBy("dev.valuator.refresh")
                .layer("run")
                .definedBy("dev.valuator.refresh.run..")
                .layer("jobs")
                .definedBy("dev.valuator.refresh.jobs..")
                .layer("lock")
                .definedBy("dev.valuator.refresh.lock..")
                .layer("request")
                .definedBy("dev.valuator.refresh.request..")
                .layer("config")
                .definedBy("dev.valuator.refresh.config..")
                .whereLayer("web")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("web", "cli")
                .whereLayer("run")
                .mayOnlyBeAccessedByLayers("web", "cli", "service")
                .whereLayer("jobs")
                .mayOnlyBeAccessedByLayers("web", "cli", "service", "run")
                .whereLayer("lock")
                .mayOnlyBeAccessedByLayers("web", "cli", "service", "run")
                .whereLayer("request")
                .mayOnlyBeAccessedByLayers("web", "cli", "service", "run", "jobs", "lock")
                .check(CLASSES);
    }

    @Test
    void marketdataIsLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("phase")
                .definedBy("dev.valuator.marketdata")
                .layer("splits")
                .definedBy("dev.valuator.marketdata.splits..")
                .layer("plan")
                .definedBy("dev.valuator.marketdata.plan..")
                .layer("stale")
                .definedBy("dev.valuator.marketdata.stale..")
                .layer("polygon")
                .definedBy("dev.valuator.marketdata.polygon..")
                .layer("calendar")
                .definedBy("dev.valuator.marketdata.calendar..")
                .whereLayer("phase")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("splits")
                .mayOnlyBeAccessedByLayers("phase")
                .whereLayer("plan")
                .mayOnlyBeAccessedByLayers("phase")
                .whereLayer("stale")
                .mayOnlyBeAccessedByLayers("phase")
                .whereLayer("polygon")
                .mayOnlyBeAccessedByLayers("phase", "splits", "stale")
                .whereLayer("calendar")
                .mayOnlyBeAccessedByLayers("phase", "splits", "plan", "polygon", "stale")
                .check(CLASSES);
    }

    @Test
    void systemIsLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("security")
                .definedBy("dev.valuator.system.security..")
                .layer("web")
                .definedBy("dev.valuator.system.web..")
                .layer("config")
                .definedBy("dev.valuator.system.config..")
                .layer("database")
                .definedBy("dev.valuator.system.database..")
                .layer("kernel")
                .definedBy("dev.valuator.system")
                .whereLayer("security")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("web")
                .mayOnlyBeAccessedByLayers("security")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("security", "web")
                .whereLayer("database")
                .mayOnlyBeAccessedByLayers("config")
                .check(CLASSES);
    }

    @Test
    void systemDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.valuator.system..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.valuator.holdings..",
                        "dev.valuator.prices..",
                        "dev.valuator.corporateactions..",
                        "dev.valuator.marketdata..",
                        "dev.valuator.valuation..",
                        "dev.valuator.refresh..",
                        "dev.valuator.scheduling..",
                        "dev.valuator.ops..")
                .check(CLASSES);
    }

    @Test
    void holdingsIsTheBottomFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.valuator.holdings..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.valuator.prices..",
                        "dev.valuator.corporateactions..",
                        "dev.valuator.marketdata..",
                        "dev.valuator.valuation..",
                        "dev.valuator.refresh..",
                        "dev.valuator.scheduling..",
                        "dev.valuator.ops..")
                .check(CLASSES);
    }

    @Test
    void onlySchedulingAndTheApplicationTriggerRefresh() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.valuator.holdings..",
                        "dev.valuator.prices..",
                        "dev.valuator.corporateactions..",
                        "dev.valuator.marketdata..",
                        "dev.valuator.valuation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.valuator.refresh..", "dev.valuator.scheduling..", "dev.valuator.ops..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnScheduling() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.valuator.scheduling..")
                .and()
                .resideOutsideOfPackage("dev.valuator")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.valuator.scheduling..")
                .check(CLASSES);
    }
}
