package dev.valuator.refresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.ValuatorApplication;
import dev.valuator.system.InvalidRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the one-shot command prints when a run cannot start: JSON written by Jackson, no internals. */
class RefreshCommandOutputTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBadOptionIsReportedAsValidJsonWhateverItContains() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String option = "--a\\q\"\u0001=1";

        int exit = RefreshCommand.execute(
                ValuatorApplication.class,
                new String[] {"refresh", option},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(RefreshCommand.FAILED);
        JsonNode printed = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(printed.path("error").asString())
                .isEqualTo("unknown option " + option.substring(0, option.indexOf('='))
                        + "; use --account= --symbols= --from= --to=");
    }

    @Test
    void anUnexpectedFailurePrintsAGenericErrorNeverItsText() {
        String printed = RefreshCommand.error(
                JSON,
                new IllegalStateException(
                        "ERROR: relation \"refresh_jobs\" does not exist; SELECT job_id FROM refresh_jobs WHERE x"));

        assertThat(JSON.readTree(printed).path("error").asString()).isEqualTo(RefreshCommand.UNEXPECTED);
        assertThat(printed).doesNotContain("SELECT", "refresh_jobs", "relation");
    }

    @Test
    void anInvalidRequestNamesItsProblems() {
        JsonNode printed =
                JSON.readTree(RefreshCommand.error(JSON, new InvalidRequest("accountId", "unknown account acc-9")));

        assertThat(printed.path("error").asString()).isEqualTo("Invalid request");
        assertThat(printed.path("details").get(0).path("message").asString()).isEqualTo("unknown account acc-9");
    }
}
