package dev.valuator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SQL counterpart of {@link ModularityTests}: every table has one owning class, and only it
 * holds SQL naming the table; other modules call it. Reads the string literals and text blocks of
 * {@code src/main} (comments are skipped) and finds each table named after FROM, JOIN, INTO,
 * UPDATE or TABLE.
 */
class TableOwnershipTests {

    static final Path SOURCES = Path.of("src/main/java/dev/valuator");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /**
     * Table → the classes (paths under dev/valuator) that own it: one class, or for {@code
     * refresh_jobs} the four of {@code refresh.jobs} that split its reads and writes by job.
     */
    static final Map<String, Set<String>> OWNERS = Map.ofEntries(
            Map.entry("accounts", Set.of("holdings/Accounts.java")),
            Map.entry("trades", Set.of("holdings/Trades.java")),
            Map.entry("daily_prices", Set.of("prices/Prices.java")),
            Map.entry("split_events", Set.of("prices/SplitEvents.java")),
            Map.entry("split_fetches", Set.of("prices/SplitEvents.java")),
            Map.entry("dividends", Set.of("prices/Dividends.java")),
            Map.entry("dividend_fetches", Set.of("prices/Dividends.java")),
            Map.entry("corporate_actions", Set.of("prices/CorporateActions.java")),
            Map.entry("symbol_inquiries", Set.of("marketdata/stale/SymbolInquiries.java")),
            Map.entry("action_flows", Set.of("valuation/ValuationPhase.java")),
            Map.entry("freshness", Set.of("prices/FreshnessMarks.java")),
            Map.entry("market_closures", Set.of("marketdata/calendar/MarketClosures.java")),
            Map.entry("provider_fetches", Set.of("marketdata/calendar/MarketClosures.java")),
            Map.entry("grouped_fetches", Set.of("marketdata/plan/FetchCoverage.java")),
            Map.entry("symbol_fetches", Set.of("marketdata/plan/FetchCoverage.java")),
            Map.entry("portfolio_snapshots", Set.of("valuation/ValuationPhase.java")),
            Map.entry("position_valuations", Set.of("valuation/ValuationPhase.java")),
            Map.entry("dividend_income", Set.of("valuation/ValuationPhase.java")),
            Map.entry(
                    "refresh_jobs",
                    Set.of(
                            "refresh/jobs/RefreshJobs.java",
                            "refresh/jobs/JobLifecycle.java",
                            "refresh/jobs/JobPages.java",
                            "refresh/jobs/JobAlerts.java")),
            Map.entry("refresh_job_counts", Set.of("refresh/jobs/JobPages.java")),
            Map.entry("shedlock", Set.of("scheduling/SchedulingConfiguration.java")));

    /**
     * Deliberate, read-only exceptions (class → tables it may read but does not own), each with
     * its reason.
     */
    static final Map<String, Set<String>> READ_ONLY_EXCEPTIONS = Map.of(
            // the valuation engine: one set-based computation over the ledger, the bars, the
            // splits and the closures (docs/valuation.md); calling four owners row by row would
            // turn minutes into hours. It writes only its own tables; the stale marks of accounts
            // and the freshness row are written by their owners (Accounts, FreshnessMarks).
            "valuation/ValuationPhase.java",
            Set.of(
                    "accounts",
                    "trades",
                    "daily_prices",
                    "split_events",
                    "market_closures",
                    "corporate_actions",
                    "dividends"),
            // the read model of the API, next to the engine that writes these tables
            "valuation/Valuations.java",
            Set.of("portfolio_snapshots", "position_valuations", "dividend_income"));

    private static final Pattern WRITE = Pattern.compile("(?i)\\b(INTO|UPDATE|DELETE\\s+FROM|TABLE)\\s+$");

    @Test
    void everyTableHasAnOwner() {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(migratedTables());
    }

    @Test
    void theOwnersOfATableAreSourcesOfOnePackage() {
        OWNERS.forEach((table, owners) -> {
            assertThat(owners.stream()
                            .map(o -> o.substring(0, o.lastIndexOf('/')))
                            .distinct())
                    .as(table)
                    .hasSize(1);
            assertThat(owners).as(table).allMatch(o -> Files.isRegularFile(SOURCES.resolve(o)));
        });
    }

    @Test
    void onlyTheOwnerNamesATableInSql() {
        List<String> strays = new ArrayList<>();
        for (Path file : javaFiles()) {
            String name = SOURCES.relativize(file).toString().replace('\\', '/');
            for (String literal : literals(read(file))) {
                for (String table : OWNERS.keySet()) {
                    Matcher m = mention(table).matcher(literal);
                    while (m.find()) {
                        boolean owner = OWNERS.get(table).contains(name);
                        boolean excepted = READ_ONLY_EXCEPTIONS
                                        .getOrDefault(name, Set.of())
                                        .contains(table)
                                && !WRITE.matcher(literal.substring(0, m.start(1)))
                                        .find();
                        if (!owner && !excepted) {
                            strays.add(name + " names " + table + " (owned by " + OWNERS.get(table) + "): "
                                    + m.group().strip());
                        }
                    }
                }
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void theScannerSeesStraysAndSkipsComments() {
        String source = """
                class X {
                    // SELECT * FROM trades in a comment
                    /* JOIN accounts */
                    static final String A = "SELECT 1 FROM trades t";
                    static final String B = \"""
                            UPDATE accounts SET x = 1\""";
                }
                """;
        List<String> literals = literals(source);
        assertThat(literals).hasSize(2);
        assertThat(mention("trades").matcher(literals.get(0)).find()).isTrue();
        assertThat(mention("accounts").matcher(literals.get(1)).find()).isTrue();
        assertThat(mention("trades").matcher("SELECT 1 FROM trades_archive").find())
                .isFalse();
        assertThat(WRITE.matcher("   UPDATE ").find()).isTrue();
    }

    static Pattern mention(String table) {
        return Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(" + table + ")\\b");
    }

    /** The string literals and text blocks of a Java source, comments skipped. */
    static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(source.substring(i + 1, j));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static Set<String> migratedTables() {
        Pattern create = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                Matcher m = create.matcher(read(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
