package dev.valuator.marketdata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * marketdata may use prices, holdings (the ledger's symbols, the splits an import asks for) and
 * system; prices only system. Neither reaches up into the run or the views.
 */
class MarketDataBoundariesTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.valuator");

    @Test
    void marketDataDependsOnlyDownward() {
        noClasses()
                .that()
                .resideInAPackage("dev.valuator.marketdata..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.valuator.refresh..",
                        "dev.valuator.valuation..",
                        "dev.valuator.scheduling..",
                        "dev.valuator.ops..")
                .check(MAIN);
    }

    @Test
    void thePriceStoreDoesNotKnowWhereBarsComeFrom() {
        noClasses()
                .that()
                .resideInAPackage("dev.valuator.prices..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.valuator.marketdata..",
                        "dev.valuator.refresh..",
                        "dev.valuator.valuation..",
                        "dev.valuator.scheduling..",
                        "dev.valuator.ops..",
                        "dev.valuator.holdings..")
                .check(MAIN);
    }
}
