package dev.valuator.valuation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * The annualised internal rate of return of dated cash flows (XIRR, actual/365): the rate r with
 * {@code Σ c_i / (1 + r)^((d_i − d_0) / 365) = 0}, searched in (−99.99 %, 10⁶ %).
 *
 * <p>Never a Newton step (which can run away from the root or towards another one): the net
 * present value is sampled on a grid of {@code ln(1 + r)} across the whole interval, and a root is
 * solved only inside a bracket where it changes sign, by {@link BracketingNthOrderBrentSolver}.
 * Flows that allow no rate, or more than one, have no answer and a reason instead.
 */
final class Xirr {

    /** A dated cash flow from the owner's side: negative paid in, positive taken out. */
    record Flow(LocalDate date, double amount) {}

    /** The rate, or null with the reason there is none. */
    record Result(Double rate, String reason) {
        static Result none(String reason) {
            return new Result(null, reason);
        }
    }

    private static final double LOWEST = Math.log(1e-4); // r = −99.99 %
    private static final double HIGHEST = Math.log(1e4 + 1); // r = 10⁶ %
    private static final int GRID = 1_000;
    private static final double ACCURACY = 1e-15;

    private Xirr() {}

    static Result of(List<Flow> flows) {
        if (flows.isEmpty()) {
            return Result.none("no cash flows");
        }
        boolean in = flows.stream().anyMatch(f -> f.amount() < 0);
        boolean out = flows.stream().anyMatch(f -> f.amount() > 0);
        if (!in || !out) {
            return Result.none("the cash flows do not change sign");
        }
        LocalDate first = flows.getFirst().date();
        double[] years = new double[flows.size()];
        double[] amounts = new double[flows.size()];
        for (int i = 0; i < flows.size(); i++) {
            years[i] = ChronoUnit.DAYS.between(first, flows.get(i).date()) / 365.0;
            amounts[i] = flows.get(i).amount();
        }
        if (years[years.length - 1] == 0) {
            return Result.none("the window spans no time");
        }
        // g = ln(1 + r): the NPV is a sum of exponentials in g, smooth across the whole interval
        double step = (HIGHEST - LOWEST) / GRID;
        double lo = Double.NaN;
        double hi = Double.NaN;
        int brackets = 0;
        double previousG = LOWEST + step / 2;
        double previous = npv(previousG, years, amounts);
        for (int k = 1; k < GRID; k++) {
            double g = LOWEST + step / 2 + k * step;
            double value = npv(g, years, amounts);
            if (previous == 0 || Math.signum(value) * Math.signum(previous) < 0) {
                brackets++;
                lo = previousG;
                hi = g;
            }
            previousG = g;
            previous = value;
        }
        if (brackets == 0) {
            return Result.none("no rate between -99.99 % and 1,000,000 % solves the cash flows");
        }
        if (brackets > 1) {
            return Result.none("more than one rate solves the cash flows");
        }
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(ACCURACY, ACCURACY, ACCURACY, 5);
        double g = solver.solve(200, x -> npv(x, years, amounts), lo, hi, AllowedSolution.ANY_SIDE);
        return new Result(Math.expm1(g), null);
    }

    private static double npv(double g, double[] years, double[] amounts) {
        double sum = 0;
        for (int i = 0; i < years.length; i++) {
            sum += amounts[i] * Math.exp(-g * years[i]);
        }
        return sum;
    }
}
