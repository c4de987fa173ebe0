package dev.valuator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md names packages and classes; each must exist where the page puts it: a
 * {@code `pkg.Class`} in the package named, a {@code `pkg.sub`} as a package, and in the drawn
 * layouts every class listed after a package name in that package.
 */
class ArchitectureDocTests {

    static final Path SOURCES = Path.of("src/main/java/dev/valuator");
    static final Pattern PACKAGE = Pattern.compile(
            "(?:holdings|prices|marketdata|corporateactions|valuation|refresh|scheduling|ops|system)(?:\\.[a-z]+)*");
    static final Pattern QUALIFIED = Pattern.compile("`(" + PACKAGE + ")\\.([A-Z]\\w*)");
    static final Pattern NAMED_PACKAGE = Pattern.compile("`(" + PACKAGE + ")`");
    static final Pattern LAYOUT_LINE = Pattern.compile("^[\\s├└─►▼]*(" + PACKAGE + ")\\s+(.*)$");
    static final Pattern CLASS = Pattern.compile("\\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+\\b|\\b[A-Z][a-z]{3,}\\b");

    @Test
    void everyPackageAndClassTheArchitecturePageNamesIsWhereItSays() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/architecture.md"));
        List<String> missing = new ArrayList<>();
        boolean inBlock = false;
        String layoutPackage = null;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                layoutPackage = null;
                continue;
            }
            if (inBlock) {
                Matcher layout = LAYOUT_LINE.matcher(line);
                String classes = line;
                if (layout.matches()) {
                    layoutPackage = layout.group(1);
                    classes = layout.group(2);
                } else if (line.strip().startsWith("▼") || line.isBlank()) {
                    layoutPackage = null;
                }
                if (layoutPackage != null) {
                    // the words in parentheses explain; only the names outside them are classes
                    Matcher name = CLASS.matcher(classes.replaceAll("\\([^)]*\\)?", ""));
                    while (name.find()) {
                        check(layoutPackage, name.group(), missing);
                    }
                }
                continue;
            }
            Matcher qualified = QUALIFIED.matcher(line);
            while (qualified.find()) {
                check(qualified.group(1), qualified.group(2), missing);
            }
            Matcher named = NAMED_PACKAGE.matcher(line);
            while (named.find()) {
                if (!Files.isDirectory(SOURCES.resolve(named.group(1).replace('.', '/')))) {
                    missing.add("package " + named.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTableHasItsRowInTheOwnersTable() throws IOException {
        String page = Files.readString(Path.of("docs/architecture.md"));
        assertThat(TableOwnershipTests.OWNERS.keySet())
                .allSatisfy(table ->
                        assertThat(page).as(table).containsPattern("(?m)^\\|[^\\n]*`" + table + "`[^\\n]*\\|"));
    }

    private static void check(String pkg, String name, List<String> missing) {
        if (!Files.isRegularFile(SOURCES.resolve(pkg.replace('.', '/')).resolve(name + ".java"))) {
            missing.add(pkg + "." + name);
        }
    }
}
