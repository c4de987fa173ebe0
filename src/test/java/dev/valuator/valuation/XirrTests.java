package dev.valuator.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class XirrTests {

    @Test
    void excelsDocumentedExampleGivesItsRate() {
        // Microsoft's XIRR help page: −10,000; 2,750; 4,250; 3,250; 2,750 → 0.373362535
        Xirr.Result result = Xirr.of(List.of(
                new Xirr.Flow(LocalDate.of(2008, 1, 1), -10_000),
                new Xirr.Flow(LocalDate.of(2008, 3, 1), 2_750),
                new Xirr.Flow(LocalDate.of(2008, 10, 30), 4_250),
                new Xirr.Flow(LocalDate.of(2009, 2, 15), 3_250),
                new Xirr.Flow(LocalDate.of(2009, 4, 1), 2_750)));

        assertThat(result.rate()).isCloseTo(0.373362535, within(1e-8));
        assertThat(result.reason()).isNull();
    }

    @Test
    void aLossOfNinetyPercentInAYearIsFoundNearTheLowerEnd() {
        Xirr.Result result = Xirr.of(
                List.of(new Xirr.Flow(LocalDate.of(2023, 1, 1), -1_000), new Xirr.Flow(LocalDate.of(2024, 1, 1), 100)));

        assertThat(result.rate()).isCloseTo(-0.9, within(1e-9));
    }

    @Test
    void flowsThatNeverChangeSignHaveNoRate() {
        Xirr.Result result = Xirr.of(List.of(
                new Xirr.Flow(LocalDate.of(2023, 1, 1), -1_000), new Xirr.Flow(LocalDate.of(2024, 1, 1), -100)));

        assertThat(result.rate()).isNull();
        assertThat(result.reason()).isEqualTo("the cash flows do not change sign");
    }

    @Test
    void flowsWithTwoRatesHaveNoUniqueOne() {
        // −100, +230, −132 a year apart: 1 − 2.3x + 1.32x² = 0 → 1 + r = 1.1 or 1.2
        Xirr.Result result = Xirr.of(List.of(
                new Xirr.Flow(LocalDate.of(2021, 1, 1), -100),
                new Xirr.Flow(LocalDate.of(2022, 1, 1), 230),
                new Xirr.Flow(LocalDate.of(2023, 1, 1), -132)));

        assertThat(result.rate()).isNull();
        assertThat(result.reason()).isEqualTo("more than one rate solves the cash flows");
    }
}
