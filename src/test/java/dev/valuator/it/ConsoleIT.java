package dev.valuator.it;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in a real browser: Debian's headless Chromium driven by its own chromedriver
 * (nothing downloaded), against the packaged jar and the Polygon stand-in. One service and one
 * browser for the class; the tests run in order, each building on the jobs of the one before.
 * Screenshots land in {@code target/console-screenshots/}. After every test the browser's own
 * network log must show requests to the service only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    static ServiceProcess service;
    static ChromeDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Scenario.prepare();
        PolygonStandIn.showcase(0);
        service = ServiceProcess.start("console", Map.of("VALUATOR_POLYGON_INITIALBACKOFF", "PT0.2S"));
        Scenario.seedAccountOnCurrentMarket(service);
        var http = service.http();
        assertThat(http.put("/api/accounts/growth", "{\"name\":\"Growth\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/accounts/growth/trades",
                                "{\"trades\":[{\"symbol\":\"NVDA\",\"tradeDate\":\"2026-03-02\",\"side\":\"BUY\",\"quantity\":20,\"price\":150},"
                                        + "{\"symbol\":\"AMZN\",\"tradeDate\":\"2026-03-02\",\"side\":\"BUY\",\"quantity\":8,\"price\":200},"
                                        + "{\"symbol\":\"GOOG\",\"tradeDate\":\"2026-04-01\",\"side\":\"BUY\",\"quantity\":6,\"price\":250},"
                                        + "{\"symbol\":\"META\",\"tradeDate\":\"2026-05-01\",\"side\":\"BUY\",\"quantity\":3,\"price\":300}]}",
                                admin(json()))
                        .status())
                .isEqualTo(200);
        Files.createDirectories(SHOTS);
        browser = chromium();
    }

    static ChromeDriver chromium() throws IOException {
        profile = Files.createTempDirectory("console-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(driverService, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    @AfterEach
    void onlyTheServiceWasAsked() {
        List<String> elsewhere = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (!message.path("method").asString().equals("Network.requestWillBeSent")) {
                continue;
            }
            String url = message.path("params").path("request").path("url").asString();
            // chrome:// pages are the browser's own (its start page), never a network request
            boolean network = url.matches("(?i)(https?|wss?|ftp)://.*");
            if (network) {
                seen.add(url.replaceAll("\\?.*", ""));
            }
            if (network && !url.startsWith(service.base() + "/")) {
                elsewhere.add(url);
            }
        }
        assertThat(seen).as("the browser made requests").isNotEmpty();
        assertThat(elsewhere).as("requests to anywhere but the service").isEmpty();
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // refusals the tests provoke on purpose show as failed fetches
                .filter(m -> !m.contains("401") && !m.contains("409"))
                .toList();
        assertThat(problems)
                .as("browser console errors (CSP violations, script errors)")
                .isEmpty();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void overviewShowsOkAfterASuccessfulRun() {
        HttpResponse<String> run = Scenario.cronCallNow(service);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);

        open("/console");
        assertThat(browser.getCurrentUrl()).startsWith(service.base() + "/console/");
        awaitText(By.cssSelector("[data-test=alert-level]"), "OK");
        awaitText(
                By.cssSelector("[data-test=latest-price-date]"),
                PolygonStandIn.Showcase.lastSession().toString());
        assertThat(text("[data-test=no-running-job]")).contains("No refresh is running");
        screenshot("01-overview-ok");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        awaitText(By.cssSelector("[data-test=alert-level]"), "OK");
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertThat(overflow).as("the page fits a phone-width screen").isEqualTo(false);
        screenshot("02-overview-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // one run so far: the durations chart's time axis fits that run, not years around it
        open("/console/#/runs");
        wait(By.cssSelector("[data-test=durations-chart] canvas"));
        WebElement durations = browser.findElement(By.cssSelector("[data-test=durations-chart]"));
        assertThat(durations.getAttribute("data-points")).isEqualTo("1");
        await().atMost(WAIT).until(() -> durations.getAttribute("data-x-max") != null);
        double span = Double.parseDouble(durations.getAttribute("data-x-max"))
                - Double.parseDouble(durations.getAttribute("data-x-min"));
        assertThat(span).as("seconds on the time axis").isPositive().isLessThanOrEqualTo(86_400);
        screenshot("02b-runs-one-run");
    }

    @Test
    @Order(2)
    void everyControlIsReachableByKeyboard() {
        open("/console/#/overview");
        awaitText(By.cssSelector("[data-test=alert-level]"), "OK");
        Set<String> focused = new LinkedHashSet<>();
        browser.findElement(By.tagName("body")).click();
        for (int i = 0; i < 12; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = browser.switchTo().activeElement();
            focused.add(active.getTagName() + ":" + active.getText().strip());
        }
        assertThat(focused)
                .contains("a:Overview", "a:Runs", "a:Accounts", "a:Prices", "button:Refresh now")
                .anyMatch(f -> f.startsWith("a:Skip to content"));
    }

    @Test
    @Order(3)
    void aWrongAdminTokenIsRefusedClearlyThenTheAccountChartHasOnePointPerSnapshot() {
        open("/console/#/accounts");
        enterToken("wrong-token-0123456789-wrong");
        awaitText(By.cssSelector("[role=alert]"), "The admin token was refused (401");
        assertThat(browser.getCurrentUrl()).doesNotContain("wrong-token");
        screenshot("03-accounts-wrong-token");

        enterToken(TestEnvironment.ADMIN_TOKEN);
        awaitCount(By.cssSelector("[data-test=account-row]"), 2);
        assertThat(browser.getCurrentUrl()).doesNotContain(TestEnvironment.ADMIN_TOKEN);
        screenshot("04-accounts-list");

        browser.findElement(By.linkText("acc-1")).click();
        int snapshots = service.http()
                .get("/api/accounts/acc-1/snapshots", admin())
                .json()
                .path("data")
                .size();
        assertThat(snapshots).isGreaterThan(200);
        WebElement chart = wait(By.cssSelector("[data-test=account-chart] canvas"));
        assertThat(browser.findElement(By.cssSelector("[data-test=account-chart]"))
                        .getAttribute("data-points"))
                .isEqualTo(String.valueOf(snapshots));
        assertThat(browser.findElements(By.cssSelector("[data-test=snapshot-row]")))
                .hasSize(snapshots);
        // the cumulative TWR beside the value chart, one point per snapshot of the window
        WebElement twr = wait(By.cssSelector("[data-test=twr-chart] canvas"));
        assertThat(browser.findElement(By.cssSelector("[data-test=twr-chart]")).getAttribute("data-points"))
                .isEqualTo(String.valueOf(snapshots));
        assertThat(chart.getSize().getWidth()).isGreaterThan(450);
        assertThat(twr.getSize().getWidth()).isGreaterThan(450);
        assertThat(twr.getLocation().getY()).isEqualTo(chart.getLocation().getY());
        awaitCount(By.cssSelector("[data-test=position-row]"), 2);
        screenshot("05-account-chart");

        // total return = realized + unrealized + income, as the latest snapshot has them
        var latest = service.http()
                .get("/api/accounts/acc-1/snapshots", admin())
                .json()
                .path("data")
                .get(snapshots - 1);
        java.math.BigDecimal total = latest.path("realizedPnlToDate")
                .decimalValue()
                .add(latest.path("totalPnl").decimalValue())
                .add(latest.path("incomeToDate").decimalValue());
        assertThat(latest.path("incomeToDate").decimalValue()).isEqualByComparingTo("14.55"); // 5 × 0.83 + 40 × 0.26
        assertThat(text("[data-test=total-return]"))
                .startsWith("Total return " + String.format(java.util.Locale.US, "%,.2f", total))
                .contains("income 14.55");
        // dividends received: MSFT 5 × 0.83, AAPL 40 (after its 4-for-1 split) × 0.26
        awaitCount(By.cssSelector("[data-test=dividend-row]"), 2);
        assertThat(text("[data-test=dividends-table]"))
                .contains("MSFT", "2026-05-20", "4.15", "AAPL", "2026-08-11", "10.40");
        var performance = service.http()
                .get("/api/accounts/acc-1/performance", admin())
                .json()
                .path("data");
        assertThat(text("[data-test=returns-twr]"))
                .isEqualTo(String.format(
                        java.util.Locale.US, "%.2f %%", performance.path("twr").asDouble() * 100));
        WebElement from = browser.findElement(By.cssSelector("[data-test=returns-from]"));
        browser.executeScript("arguments[0].value = '2026-06-01'", from);
        browser.findElement(By.cssSelector("[data-test=returns-show]")).click();
        awaitText(By.cssSelector("[data-test=returns-window]"), "2026-06-01 – ");
        // the chart follows the window: from 2026-06-01 on
        WebElement windowChart = wait(By.cssSelector("[data-test=twr-chart] canvas"));
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("[data-test=twr-chart]"))
                        .getAttribute("data-points")))
                .isLessThan(snapshots);
        browser.executeScript("arguments[0].scrollIntoView()", windowChart);
        screenshot("05b-account-returns");

        WebElement date = browser.findElement(By.cssSelector("[data-test=positions-date]"));
        browser.executeScript("arguments[0].value = arguments[1]", date, PolygonStandIn.Showcase.MSFT_GAP.toString());
        browser.findElement(By.cssSelector("[data-test=positions-show]")).click();
        awaitText(By.cssSelector("[data-test=positions-summary]"), "1 priced from an earlier close");
        WebElement carried = browser.findElement(By.cssSelector("tr.carried"));
        assertThat(carried.getText())
                .contains("MSFT", PolygonStandIn.Showcase.MSFT_GAP.minusDays(3).toString(), "carried");
        browser.executeScript("arguments[0].scrollIntoView()", carried);
        screenshot("06-positions-carried-price");

        open("/console/#/accounts/growth");
        long partial = service.http()
                .get("/api/accounts/growth/snapshots", admin())
                .json()
                .path("data")
                .valueStream()
                .filter(n -> n.path("partial").asBoolean())
                .count();
        assertThat(partial).isPositive();
        awaitText(By.cssSelector("[data-test=snapshot-count]"), partial + " partial");
        wait(By.cssSelector("[data-test=account-chart] canvas"));
        screenshot("07-account-partial-days");
    }

    @Test
    @Order(4)
    void pricesChartMarksTheSplitSeenInTheCloses() {
        open("/console/#/prices/AAPL");
        wait(By.cssSelector("[data-test=price-chart] canvas"));
        awaitText(By.cssSelector("[data-test=split-note]"), PolygonStandIn.Showcase.AAPL_SPLIT + " (4-for-1)");
        int bars = service.http()
                .get("/api/prices/AAPL", admin())
                .json()
                .path("data")
                .size();
        assertThat(browser.findElement(By.cssSelector("[data-test=price-chart]"))
                        .getAttribute("data-points"))
                .isEqualTo(String.valueOf(bars));
        screenshot("08-prices-aapl");
    }

    @Test
    @Order(5)
    void overviewShowsCriticalAfterThreeFailedRuns() {
        open("/console/#/overview");
        awaitText(By.cssSelector("[data-test=alert-level]"), "OK");
        TestDatabase.forgetMarketData();
        PolygonStandIn.outage();
        for (int i = 0; i < 3; i++) {
            assertThat(Scenario.cronCallNow(service).statusCode()).isEqualTo(500);
        }
        // no reload: the page's own polling picks it up
        await().atMost(WAIT).until(() -> text("[data-test=alert-level]").equals("CRITICAL"));
        assertThat(text("[data-test=alert-reasons]")).contains("The last 3 refresh runs failed");
        screenshot("09-overview-critical");
    }

    @Test
    @Order(6)
    void runsTableFiltersAndPages() {
        JsonNode all =
                service.http().get("/api/valuations/refresh/jobs?limit=100").json();
        long total = all.path("pagination").path("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(4);

        open("/console/#/runs");
        awaitText(By.cssSelector("[data-test=page-info]"), "of " + total);
        WebElement durations = wait(By.cssSelector("[data-test=durations-chart] canvas"));
        screenshot("10-runs");
        browser.executeScript("arguments[0].scrollIntoView()", durations);
        screenshot("11-runs-durations-chart");

        select("status-filter", "FAILED");
        awaitText(By.cssSelector("[data-test=page-info]"), "1–3 of 3");
        assertThat(rows()).hasSize(3).allMatch(r -> "FAILED".equals(r.getAttribute("data-status")));
        assertThat(browser.getCurrentUrl()).contains("status=FAILED");
        screenshot("12-runs-failed");

        select("status-filter", "");
        select("trigger-filter", "MANUAL");
        long manual = service.http()
                .get("/api/valuations/refresh/jobs?trigger=MANUAL")
                .json()
                .path("pagination")
                .path("total")
                .asLong();
        awaitText(By.cssSelector("[data-test=page-info]"), "of " + manual);
        assertThat(rows()).allMatch(r -> "MANUAL".equals(r.getAttribute("data-trigger")));

        open("/console/#/runs?limit=2");
        awaitText(By.cssSelector("[data-test=page-info]"), "1–2 of " + total);
        List<String> first = rows().stream().map(WebElement::getText).toList();
        assertThat(browser.findElement(By.cssSelector("[data-test=prev-page]")).isEnabled())
                .isFalse();
        browser.findElement(By.cssSelector("[data-test=next-page]")).click();
        awaitText(By.cssSelector("[data-test=page-info]"), "3–4 of " + total);
        List<String> second = rows().stream().map(WebElement::getText).toList();
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(browser.getCurrentUrl()).contains("offset=2");

        open("/console/#/runs?status=FAILED");
        awaitCount(By.cssSelector("[data-test=run-row]"), 3);
        browser.findElement(By.cssSelector("[data-test=run-row] a")).click();
        awaitText(By.cssSelector("[data-test=job-status]"), "FAILED");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Polygon calls", "Position valuations");
        screenshot("13-job-failed");
    }

    /** The bar's rendering of the contract's `progress` object, independent of a live run. */
    @Test
    @Order(7)
    void theProgressBarFollowsTheProgressObjectAndIsIndeterminateWithoutOne() {
        open("/console/#/overview");
        awaitText(By.cssSelector("[data-test=alert-level]"), "CRITICAL");
        @SuppressWarnings("unchecked")
        List<Object> rendered = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/progress.js').then((m) => {
                  const some = m.progressView({ status: 'RUNNING', progress: { phase: 'PRICES', callsDone: 3,
                    callsPlanned: 8, datesMissing: 4, symbolsMissing: 2, barsUpserted: 10, etaSeconds: 30 } });
                  const none = m.progressView({ status: 'RUNNING' });
                  const bar = some.querySelector('progress');
                  done([bar.getAttribute('value'), bar.getAttribute('max'), some.textContent,
                        none.querySelector('progress').hasAttribute('value')]);
                }).catch((e) => done([String(e)]));""");
        assertThat(rendered).hasSize(4);
        assertThat(rendered.subList(0, 2)).containsExactly("3", "8");
        assertThat((String) rendered.get(2)).contains("3 of 8 Polygon calls", "10 bars stored", "30 s left");
        assertThat(rendered.get(3)).isEqualTo(false);
    }

    @Test
    @Order(8)
    void aRunningJobsProgressBarMoves() {
        PolygonStandIn.showcase(1500); // every Polygon answer takes 1.5 s: a run of several calls
        TestDatabase.forgetMarketData();
        open("/console/#/overview");
        awaitText(By.cssSelector("[data-test=alert-level]"), "CRITICAL");
        browser.findElement(By.cssSelector("[data-test=refresh-button]")).click();
        wait(By.cssSelector("[data-test=running-job]"));
        wait(By.cssSelector("[data-test=progress]"));
        screenshot("14-progress-running");
        String firstValue = progressValue();
        assertThat(firstValue)
                .as("the running job reports a `progress` object (issue 14): the bar has a value, " + "progress text: "
                        + text("[data-test=progress-text]"))
                .isNotNull();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            String now = progressValue();
            return now != null && !now.equals(firstValue);
        });
        screenshot("15-progress-moved");
        awaitText(By.cssSelector("[data-test=finished-job]"), "SUCCEEDED");
        awaitText(By.cssSelector("[data-test=alert-level]"), "OK");
        screenshot("16-overview-after-manual-refresh");
    }

    @Test
    @Order(9)
    void aStaleHoldingIsMarkedInThePositionsAndWarnedOnTheOverview() {
        // ZZZ's last close is weeks before the latest session: held at a close too old to be current
        LocalDate lastClose =
                PolygonStandIn.Showcase.lastSession().minusWeeks(4).with(java.time.DayOfWeek.WEDNESDAY);
        TestDatabase.execute(
                "INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, provisional,"
                        + " fetched_at) VALUES ('ZZZ', DATE '" + lastClose + "', 12, 12, 12, 12, 1000, false, now())");
        var http = service.http();
        assertThat(http.put("/api/accounts/frozen", "{\"name\":\"Frozen\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/accounts/frozen/trades",
                                "{\"trades\":[{\"symbol\":\"ZZZ\",\"tradeDate\":\"" + lastClose
                                        + "\",\"side\":\"BUY\",\"quantity\":10,\"price\":12},"
                                        + "{\"symbol\":\"NVDA\",\"tradeDate\":\"" + lastClose
                                        + "\",\"side\":\"BUY\",\"quantity\":1,\"price\":150}]}",
                                admin(json()))
                        .json()
                        .path("data")
                        .path("valued")
                        .asBoolean())
                .isTrue();

        open("/console/#/accounts/frozen");
        awaitCount(By.cssSelector("[data-test=position-row]"), 2);
        awaitText(By.cssSelector("[data-test=positions-summary]"), "1 with no close for more than 5 sessions");
        WebElement stale = browser.findElement(By.cssSelector("tr.stale"));
        assertThat(stale.getText()).contains("ZZZ", lastClose.toString(), "STALE");
        assertThat(browser.findElements(By.cssSelector("[data-test=price-status]")))
                .extracting(WebElement::getText)
                .containsExactlyInAnyOrder("STALE", "CURRENT");
        browser.executeScript("arguments[0].scrollIntoView()", stale);
        screenshot("17-positions-stale-price");

        open("/console/#/overview");
        awaitText(By.cssSelector("[data-test=alert-level]"), "WARNING");
        awaitText(
                By.cssSelector("[data-test=stale-symbol]"),
                "ZZZ has had no close since " + lastClose + " and is held by 1 account");
        assertThat(text("[data-test=stale-symbol]")).contains("POST /api/corporate-actions");
        screenshot("18-overview-stale-symbol");
    }

    // --- helpers

    private static String progressValue() {
        try {
            List<WebElement> bars = browser.findElements(By.cssSelector("[data-test=progress]"));
            // the attribute, not the property: an indeterminate bar has no value attribute
            return bars.isEmpty() ? null : bars.getFirst().getDomAttribute("value");
        } catch (StaleElementReferenceException replacedByTheNextPoll) {
            return progressValue();
        }
    }

    private static void enterToken(String token) {
        WebElement input = wait(By.cssSelector("[data-test=token-input]"));
        input.clear();
        input.sendKeys(token, Keys.ENTER);
    }

    private static void select(String testId, String value) {
        WebElement select = wait(By.cssSelector("[data-test=" + testId + "]"));
        new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("[data-test=run-row]"));
    }

    private static void open(String path) {
        browser.get(service.base() + path);
    }

    /** The element's text, found afresh; the page re-renders as it polls, so a found element may go stale. */
    private static String text(String css) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                return found.isEmpty() ? "" : found.getFirst().getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
    }

    private static WebElement wait(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void awaitText(By by, String text) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "waiting for '" + text + "' in " + by + "; page: "
                        + browser.findElement(By.tagName("main")).getText())
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static void awaitCount(By by, int count) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.numberOfElementsToBe(by, count));
    }

    private static void screenshot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
