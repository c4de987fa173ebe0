package dev.valuator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code synchronized} in production code: on JDK 21 a virtual thread blocked in one (on a
 * database call, say) pins its carrier, and a few of them stall every request. JDK 24+ does not
 * pin, so no running test can see it; this rule reads the sources instead (comments, string
 * literals and text blocks skipped). Use a {@code ReentrantLock} or a shared in-flight future.
 */
class NoPinningTests {

    static final Path SOURCES = Path.of("src/main/java");
    static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

    @Test
    void productionCodeNeverUsesSynchronized() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String[] lines = code(read(file)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (SYNCHRONIZED.matcher(lines[i]).find()) {
                        found.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            });
        }
        assertThat(found).as("synchronized in production code").isEmpty();
    }

    @Test
    void theRuleSeesCodeNotComments() {
        assertThat(SYNCHRONIZED
                        .matcher(code("class A { synchronized void f() {} }"))
                        .find())
                .isTrue();
        assertThat(SYNCHRONIZED
                        .matcher(code("void f() {\n  synchronized (this) { }\n}"))
                        .find())
                .isTrue();
        assertThat(SYNCHRONIZED
                        .matcher(code("/** not synchronized */ // synchronized\nString s = \"synchronized\";"))
                        .find())
                .isFalse();
        assertThat(SYNCHRONIZED
                        .matcher(code("String s = \"\"\"\n  synchronized\n  \"\"\";"))
                        .find())
                .isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source with comments, string and char literals and text blocks blanked (line breaks kept). */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(source.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
