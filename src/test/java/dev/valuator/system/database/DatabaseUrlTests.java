package dev.valuator.system.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void parsesTheUriFormWithCredentialsAndSslMode() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.example.com:6432/valuator?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/valuator?sslmode=require");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret").doesNotContain("cret");
    }

    @Test
    void defaultsThePortAndAcceptsPostgresqlScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1/test");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(url.username()).isEqualTo("postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void passesTheJdbcFormThroughButTakesCredentialsOutOfIt() {
        DatabaseUrl plain = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/test");
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test");
        DatabaseUrl withCredentials =
                DatabaseUrl.parse("jdbc:postgresql://localhost:5432/test?user=app&password=hunter2&sslmode=disable");
        assertThat(withCredentials.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test?sslmode=disable");
        assertThat(withCredentials.username()).isEqualTo("app");
        assertThat(withCredentials.password()).isEqualTo("hunter2");
    }

    @Test
    void rejectsMalformedValuesWithoutEchoingThem() {
        for (String bad : new String[] {
            "mysql://u:topsecret@h/db",
            "postgres://u:topsecret@/db",
            "postgres://u:topsecret@host",
            "jdbc:postgresql:",
            "postgres://u:top secret@host/db",
            "   "
        }) {
            assertThatThrownBy(() -> DatabaseUrl.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("topsecret")
                            .doesNotContain("top secret"));
        }
    }
}
