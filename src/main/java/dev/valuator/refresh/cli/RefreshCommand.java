package dev.valuator.refresh.cli;

import dev.valuator.refresh.RefreshOutcome;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.run.ActiveRuns;
import dev.valuator.system.ApiError;
import dev.valuator.system.InvalidRequest;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar valuator.jar refresh [--account=…] [--symbols=A,B] [--from=…] [--to=…]}: one
 * refresh through the same service and lock, without a web server, for platforms whose cron
 * runs a command. Prints the job as JSON and exits 0 (SUCCEEDED), 75 (SKIPPED_CONFLICT) or 1.
 */
public final class RefreshCommand {

    public static final String NAME = "refresh";
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int SKIPPED_CONFLICT = 75;
    static final String UNEXPECTED = "The refresh could not run: an unexpected error (details in the log on stderr)";

    private static final Logger log = LoggerFactory.getLogger(RefreshCommand.class);
    /** For what is printed before the application (and its configured mapper) exists. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private RefreshCommand() {}

    public static boolean matches(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /**
     * Runs the command and returns the process exit code. The process ends right after, and its
     * shutdown hooks (an embedded PostgreSQL stopping) still log: {@code System.out} stays stderr.
     */
    public static int execute(Class<?> application, String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        return run(application, args, stdout);
    }

    /**
     * Runs the command, printing the job JSON (and nothing else) on {@code out}. Everything else the
     * process writes to {@code System.out} while it runs — Spring's and Logback's console logging,
     * which look the stream up on every write — goes to stderr, so {@code … refresh | jq} works.
     */
    public static int execute(Class<?> application, String[] args, PrintStream out) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return run(application, args, out);
        } finally {
            System.setOut(stdout);
        }
    }

    private static int run(Class<?> application, String[] args, PrintStream out) {
        RefreshRequest request;
        try {
            request = parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            out.println(PLAIN.writeValueAsString(ApiError.of(e.getMessage())));
            return FAILED;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run("--valuator.schedule.enabled=false")) {
            RefreshService refresh = context.getBean(RefreshService.class);
            ActiveRuns active = context.getBean(ActiveRuns.class);
            JsonMapper json = context.getBean(JsonMapper.class);
            RefreshOutcome outcome;
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            try (ProgressDisplay display =
                    new ProgressDisplay(err, ProgressDisplay.attachedToTerminal(), active::progress)) {
                outcome = refresh.run(request, Caller.CLI);
            } catch (RuntimeException e) {
                out.println(error(json, e));
                return FAILED;
            }
            return switch (outcome) {
                case RefreshOutcome.Finished finished -> {
                    out.println(json.writeValueAsString(Map.of("data", finished.job())));
                    yield finished.job().status() == JobStatus.SUCCEEDED ? SUCCEEDED : FAILED;
                }
                case RefreshOutcome.Conflict conflict -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("jobId", conflict.skippedJobId());
                    data.put("status", JobStatus.SKIPPED_CONFLICT);
                    data.put("runningJobId", conflict.runningJobId());
                    out.println(json.writeValueAsString(Map.of("error", "Refresh already running", "data", data)));
                    yield SKIPPED_CONFLICT;
                }
                case RefreshOutcome.Started started -> FAILED;
            };
        }
    }

    /**
     * The JSON printed for a run that could not start: the request's problems, or a sentence the
     * service wrote for this case; anything else is unexpected, and its text (SQL, a driver's
     * message) goes to the log, never to stdout.
     */
    static String error(JsonMapper json, RuntimeException e) {
        ApiError body = switch (e) {
            case InvalidRequest invalid -> new ApiError(invalid.getMessage(), invalid.details(), null);
            case RefreshService.RefreshUnavailable unavailable -> ApiError.of(unavailable.getMessage());
            case RefreshService.ServiceStopping stopping -> ApiError.of(stopping.getMessage());
            default -> {
                log.error("The refresh command failed", e);
                yield ApiError.of(UNEXPECTED);
            }
        };
        return json.writeValueAsString(body);
    }

    public static RefreshRequest parse(String[] options) {
        String account = null;
        List<String> symbols = null;
        LocalDate from = null;
        LocalDate to = null;
        for (String option : options) {
            int eq = option.indexOf('=');
            if (!option.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException(
                        "unknown option " + option + "; use --account= --symbols= --from= --to=");
            }
            String name = option.substring(2, eq);
            String value = option.substring(eq + 1);
            try {
                switch (name) {
                    case "account" -> account = value;
                    case "symbols" ->
                        symbols = Arrays.stream(value.split(","))
                                .map(String::strip)
                                .toList();
                    case "from" -> from = LocalDate.parse(value);
                    case "to" -> to = LocalDate.parse(value);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option --" + name + "; use --account= --symbols= --from= --to=");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--" + name + " must be a date YYYY-MM-DD");
            }
        }
        return new RefreshRequest(account, symbols, from, to);
    }
}
