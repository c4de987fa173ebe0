package dev.valuator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries of DESIGN.md: {@code scheduling → refresh → {marketdata, prices, valuation} →
 * holdings}; {@code ops} reads; {@code system} is used by all and uses none.
 */
class ModularityTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.valuator");

    @Test
    void modulesHaveNoCycles() {
        slices().matching("dev.valuator.(*)..").should().beFreeOfCycles().check(CLASSES);
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
