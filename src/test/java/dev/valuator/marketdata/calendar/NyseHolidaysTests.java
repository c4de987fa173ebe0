package dev.valuator.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NyseHolidaysTests {

    /** The NYSE's actual full-day closures 2020–2027 (nyse.com holiday tables), weekends aside. */
    static final Set<LocalDate> NYSE_CLOSURES_2020_2027 = dates(
            // 2020
            "2020-01-01",
            "2020-01-20",
            "2020-02-17",
            "2020-04-10",
            "2020-05-25",
            "2020-07-03",
            "2020-09-07",
            "2020-11-26",
            "2020-12-25",
            // 2021 (New Year 2022 fell on a Saturday: 2021-12-31 was a trading day)
            "2021-01-01",
            "2021-01-18",
            "2021-02-15",
            "2021-04-02",
            "2021-05-31",
            "2021-07-05",
            "2021-09-06",
            "2021-11-25",
            "2021-12-24",
            // 2022 (Juneteenth observed from 2022, on Monday 06-20)
            "2022-01-17",
            "2022-02-21",
            "2022-04-15",
            "2022-05-30",
            "2022-06-20",
            "2022-07-04",
            "2022-09-05",
            "2022-11-24",
            "2022-12-26",
            // 2023
            "2023-01-02",
            "2023-01-16",
            "2023-02-20",
            "2023-04-07",
            "2023-05-29",
            "2023-06-19",
            "2023-07-04",
            "2023-09-04",
            "2023-11-23",
            "2023-12-25",
            // 2024
            "2024-01-01",
            "2024-01-15",
            "2024-02-19",
            "2024-03-29",
            "2024-05-27",
            "2024-06-19",
            "2024-07-04",
            "2024-09-02",
            "2024-11-28",
            "2024-12-25",
            // 2025 (01-09: national day of mourning for President Carter, unscheduled)
            "2025-01-01",
            "2025-01-09",
            "2025-01-20",
            "2025-02-17",
            "2025-04-18",
            "2025-05-26",
            "2025-06-19",
            "2025-07-04",
            "2025-09-01",
            "2025-11-27",
            "2025-12-25",
            // 2026
            "2026-01-01",
            "2026-01-19",
            "2026-02-16",
            "2026-04-03",
            "2026-05-25",
            "2026-06-19",
            "2026-07-03",
            "2026-09-07",
            "2026-11-26",
            "2026-12-25",
            // 2027 (New Year 2028 is a Saturday: 2027-12-31 is a trading day)
            "2027-01-01",
            "2027-01-18",
            "2027-02-15",
            "2027-03-26",
            "2027-05-31",
            "2027-06-18",
            "2027-07-05",
            "2027-09-06",
            "2027-11-25",
            "2027-12-24");

    static final LocalDate MOURNING_2025 = LocalDate.of(2025, 1, 9);

    @Test
    void rulesReproduceTheClosureTableExceptTheUnscheduledDay() {
        Set<LocalDate> byRule = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.getYear() <= 2027; d = d.plusDays(1)) {
            if (NyseHolidays.holidayOn(d) != null) {
                byRule.add(d);
            }
        }
        Set<LocalDate> expected = new TreeSet<>(NYSE_CLOSURES_2020_2027);
        expected.remove(MOURNING_2025);
        assertThat(byRule).containsExactlyElementsOf(expected);
        assertThat(byRule)
                .allMatch(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    @Test
    void edgeCasesOfObservance() {
        assertThat(NyseHolidays.holidayOn(LocalDate.of(2021, 12, 31))).isNull();
        assertThat(NyseHolidays.holidayOn(LocalDate.of(2027, 12, 31))).isNull();
        assertThat(NyseHolidays.holidayOn(LocalDate.of(2021, 6, 18))).isNull();
        assertThat(NyseHolidays.holidayOn(LocalDate.of(2022, 6, 20))).isEqualTo("Juneteenth National Independence Day");
        assertThat(NyseHolidays.holidayOn(LocalDate.of(2023, 1, 2))).isEqualTo("New Year's Day");
    }

    @Test
    void easterByTheAnonymousGregorianAlgorithm() {
        assertThat(NyseHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(NyseHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(NyseHolidays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(NyseHolidays.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
    }

    private static Set<LocalDate> dates(String... values) {
        return new TreeSet<>(Stream.of(values).map(LocalDate::parse).toList());
    }
}
