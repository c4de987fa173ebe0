package dev.valuator.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keyset paging of the jobs list: {@code before=<jobId>} and {@code pagination.next}. */
@ValuatorTest
class JobsPagingTests extends RunningService {

    static final String JOBS = "/api/valuations/refresh/jobs";

    @BeforeEach
    void fortyFiveJobs() {
        Instant start = Instant.parse("2026-03-02T15:00:00Z");
        for (int i = 0; i < 45; i++) {
            // pairs share a start time, so the order's tie-break (job_id) is exercised too
            Instant at = start.plusSeconds(60L * (i / 2));
            jdbc.update(
                    """
                    INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms)
                    VALUES (?, ?, 'CRON_HTTP', ?, ?, ?, 1000)""",
                    UUID.randomUUID(),
                    i % 3 == 0 ? "MANUAL" : "SCHEDULED",
                    i % 5 == 0 ? "FAILED" : "SUCCEEDED",
                    Timestamp.from(at),
                    Timestamp.from(at.plusSeconds(1)));
        }
    }

    List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(job -> ids.add(job.path("jobId").asString()));
        return ids;
    }

    @Test
    void walkingByCursorVisitsEveryJobOnceInTheListsOrder() {
        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < 45; offset += 20) {
            byOffset.addAll(ids(http.get(JOBS + "?limit=20&offset=" + offset).json()));
        }
        assertThat(byOffset).hasSize(45).doesNotHaveDuplicates();

        List<String> byCursor = new ArrayList<>();
        JsonNode page = http.get(JOBS + "?limit=20").json();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            byCursor.addAll(ids(page));
            sizes.add(page.path("data").size());
            assertThat(page.path("pagination").path("total").asInt()).isEqualTo(45);
            JsonNode next = page.path("pagination").path("next");
            if (next.isNull()) {
                break;
            }
            assertThat(next.asString()).isEqualTo(byCursor.getLast());
            page = http.get(JOBS + "?limit=20&before=" + next.asString()).json();
        }
        assertThat(sizes).containsExactly(20, 20, 5);
        assertThat(byCursor).isEqualTo(byOffset);
    }

    @Test
    void filtersApplyToCursorPages() {
        JsonNode first =
                http.get(JOBS + "?limit=5&status=SUCCEEDED&trigger=SCHEDULED").json();
        String cursor = first.path("pagination").path("next").asString();
        JsonNode second = http.get(JOBS + "?limit=5&status=SUCCEEDED&trigger=SCHEDULED&before=" + cursor)
                .json();
        assertThat(second.path("data")).hasSize(5);
        second.path("data").forEach(job -> {
            assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.path("trigger").asString()).isEqualTo("SCHEDULED");
        });
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void badCursorsAre400() {
        String any = ids(http.get(JOBS + "?limit=1").json()).getFirst();
        assertThat(http.get(JOBS + "?before=" + any + "&offset=0").status()).isEqualTo(400);
        assertThat(http.get(JOBS + "?before=not-a-uuid").status()).isEqualTo(400);
        assertThat(http.get(JOBS + "?before=" + UUID.randomUUID()).status()).isEqualTo(400);
    }

    @Test
    void repeatedOrBlankTypedParametersAre400() {
        var repeated = http.get(JOBS + "?limit=10&limit=abc");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().path("details").get(0).path("message").asString())
                .isEqualTo("must be given once");
        var blank = http.get(JOBS + "?limit=");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("details").get(0).path("message").asString())
                .isEqualTo("must be a whole number 1-100");
        assertThat(http.get(JOBS + "?status=").status()).isEqualTo(400);
        assertThat(http.get(JOBS + "?status=BOGUS")
                        .json()
                        .path("details")
                        .get(0)
                        .path("message")
                        .asString())
                .isEqualTo("must be one of [RUNNING|SUCCEEDED|FAILED|SKIPPED_CONFLICT]");
        assertThat(http.get(JOBS + "?before=1-1-1-1-1").status()).isEqualTo(400);
    }
}
