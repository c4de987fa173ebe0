package dev.valuator.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's returns over a window of its snapshots, as docs/api.md "Income and performance"
 * defines them: flows at the close of their date; the time-weighted return chained daily (with the
 * empty-portfolio rule), annualised only over a year or more; the money-weighted return (XIRR,
 * actual/365, {@link Xirr}). Money stays exact; the ratios keep {@link #RATIO_DIGITS} significant
 * digits.
 */
final class Performance {

    static final int RATIO_DIGITS = 12;
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;
    private static final MathContext RATIO = new MathContext(RATIO_DIGITS, RoundingMode.HALF_EVEN);

    /** One session of the window: its snapshot's value, flow, income and realized P&L to date. */
    record Session(
            LocalDate date, BigDecimal value, BigDecimal netFlow, BigDecimal income, BigDecimal realizedToDate) {}

    /** One day of the answer's series. */
    record Day(LocalDate date, BigDecimal value, BigDecimal netFlow, BigDecimal income, BigDecimal twrToDate) {}

    /** The answer of {@code GET /api/accounts/{id}/performance}. */
    record Report(
            LocalDate from,
            LocalDate to,
            BigDecimal startValue,
            BigDecimal endValue,
            BigDecimal netFlow,
            BigDecimal income,
            BigDecimal realizedPnl,
            BigDecimal gain,
            BigDecimal twr,
            BigDecimal twrAnnualized,
            BigDecimal mwr,
            String mwrNote,
            List<Day> daily) {}

    private Performance() {}

    /** The report over these sessions (at least one, ascending; the first is {@code from}). */
    static Report of(List<Session> sessions) {
        Session first = sessions.getFirst();
        Session last = sessions.getLast();
        BigDecimal netFlow = BigDecimal.ZERO;
        BigDecimal income = BigDecimal.ZERO;
        BigDecimal growth = BigDecimal.ONE;
        List<Day> daily = new ArrayList<>(sessions.size());
        List<Xirr.Flow> flows = new ArrayList<>();
        daily.add(new Day(first.date(), first.value(), first.netFlow(), first.income(), BigDecimal.ZERO));
        flows.add(new Xirr.Flow(first.date(), -first.value().doubleValue()));
        for (int i = 1; i < sessions.size(); i++) {
            Session before = sessions.get(i - 1);
            Session t = sessions.get(i);
            netFlow = netFlow.add(t.netFlow());
            income = income.add(t.income());
            growth = growth.multiply(BigDecimal.ONE.add(dailyReturn(before.value(), t)), EXACT_ENOUGH);
            daily.add(new Day(t.date(), t.value(), t.netFlow(), t.income(), ratio(growth.subtract(BigDecimal.ONE))));
            double owner = t.income().subtract(t.netFlow()).doubleValue();
            if (i == sessions.size() - 1) {
                owner += t.value().doubleValue();
            }
            if (owner != 0 || i == sessions.size() - 1) {
                flows.add(new Xirr.Flow(t.date(), owner));
            }
        }
        if (sessions.size() == 1) {
            flows.add(new Xirr.Flow(first.date(), first.value().doubleValue()));
        }
        BigDecimal twr = growth.subtract(BigDecimal.ONE);
        long days = ChronoUnit.DAYS.between(first.date(), last.date());
        BigDecimal annualized = days >= 365
                ? ratio(BigDecimal.valueOf(Math.pow(Math.max(0, 1 + twr.doubleValue()), 365.0 / days) - 1))
                : null;
        Xirr.Result mwr = Xirr.of(flows);
        return new Report(
                first.date(),
                last.date(),
                first.value(),
                last.value(),
                netFlow,
                income,
                last.realizedToDate().subtract(first.realizedToDate()),
                last.value().subtract(first.value()).subtract(netFlow).add(income),
                ratio(twr),
                annualized,
                mwr.rate() == null ? null : ratio(BigDecimal.valueOf(mwr.rate())),
                mwr.reason(),
                daily);
    }

    /**
     * {@code r_t = (V_t + I_t − F_t) / V_{t−1} − 1} when the day began with a value; for an empty
     * portfolio money put in at the close earns from there: {@code (V_t + I_t) / F_t − 1}; else 0.
     */
    private static BigDecimal dailyReturn(BigDecimal previousValue, Session t) {
        if (previousValue.signum() > 0) {
            return t.value()
                    .add(t.income())
                    .subtract(t.netFlow())
                    .divide(previousValue, EXACT_ENOUGH)
                    .subtract(BigDecimal.ONE);
        }
        if (t.netFlow().signum() > 0) {
            return t.value().add(t.income()).divide(t.netFlow(), EXACT_ENOUGH).subtract(BigDecimal.ONE);
        }
        return BigDecimal.ZERO;
    }

    private static BigDecimal ratio(BigDecimal value) {
        BigDecimal rounded = value.round(RATIO).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }
}
