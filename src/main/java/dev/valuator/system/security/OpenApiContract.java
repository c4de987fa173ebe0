package dev.valuator.system.security;

import dev.valuator.system.ApiError;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The generated OpenAPI document as the contract of docs/api.md: credentials per operation from
 * {@link Routes} (the rules the security chain enforces), the contract's error statuses with the
 * JSON error body, and operation ids, summaries and tags from the handler methods and modules.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiContract {

    private static final String ERROR_SCHEMA = "ApiError";

    private static final Map<Access, List<SecurityRequirement>> SECURITY = Map.of(
            Access.PUBLIC, List.of(),
            Access.ADMIN, List.of(new SecurityRequirement().addList("adminToken")),
            Access.CRON,
                    List.of(
                            new SecurityRequirement().addList("cronSecret"),
                            new SecurityRequirement().addList("cronBearer")),
            Access.METRICS, List.of(new SecurityRequirement().addList("metricsToken")));

    @Bean
    OpenAPI valuatorOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Valuator")
                        .version("1")
                        .description("Portfolio valuations from Polygon end-of-day prices (docs/api.md)")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                "cronSecret",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("x-cron-secret")
                                        .description("VALUATION_REFRESH_CRON_SECRET (current or previous)"))
                        .addSecuritySchemes(
                                "cronBearer", bearer("the cron secret as a Bearer token (what Vercel Cron sends)"))
                        .addSecuritySchemes("adminToken", bearer("VALUATION_ADMIN_TOKEN"))
                        .addSecuritySchemes(
                                "metricsToken", bearer("VALUATION_METRICS_TOKEN (or the admin token), when set")));
    }

    /** Operation id = the handler method's name, summary from it, tag = the feature module. */
    /** The feature module of a class: {@code refresh} for {@code dev.valuator.refresh.web.RefreshController}. */
    static String module(Class<?> type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : parts[parts.length - 1];
    }

    @Bean
    OperationCustomizer namesFromHandlers() {
        return (operation, handler) -> {
            String name = handler.getMethod().getName();
            return operation.operationId(name).summary(sentence(name)).tags(List.of(module(handler.getBeanType())));
        };
    }

    @Bean
    OpenApiCustomizer securityAndErrors() {
        return openApi -> {
            ModelConverters.getInstance().readAll(ApiError.class).forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths()
                    .forEach((path, item) ->
                            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        Access access = Routes.ALL.stream()
                .filter(r -> r.method() == null || r.method().name().equals(method.name()))
                .filter(r ->
                        PathPatternParser.defaultInstance.parse(r.pattern()).matches(PathContainer.parsePath(path)))
                .map(Routes.Route::access)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no route for " + method + " " + path));
        operation.setSecurity(SECURITY.get(access));
        error(operation, "400", "Invalid request (the details name each field)");
        if (access != Access.PUBLIC) {
            error(operation, "401", "Missing or incorrect credentials");
        }
        if (path.contains("{")) {
            error(operation, "404", "Not found");
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/api/valuations/refresh")) {
            error(operation, "409", "Refresh already running (a SKIPPED_CONFLICT job was recorded)");
            error(operation, "503", "The service is shutting down");
        }
        if (method == PathItem.HttpMethod.GET
                && access == Access.PUBLIC
                && path.startsWith("/api/valuations/refresh")) {
            error(
                    operation,
                    "503",
                    "Too many anonymous reads at once (Retry-After); the admin token is never held back");
        }
        if (HttpMethod.POST.name().equals(method.name()) && path.endsWith("/trades")) {
            error(operation, "413", "Payload too large");
            error(operation, "503", "Polygon could not be asked for the splits the import needs");
        }
        if (method == PathItem.HttpMethod.DELETE) {
            error(operation, "409", "The deletion would leave a position negative");
        }
        error(operation, "500", "The run failed or the service could not answer");
    }

    private static void error(Operation operation, String status, String description) {
        if (operation.getResponses().containsKey(status)) {
            return;
        }
        operation
                .getResponses()
                .addApiResponse(
                        status,
                        new ApiResponse()
                                .description(description)
                                .content(new Content()
                                        .addMediaType(
                                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/" + ERROR_SCHEMA)))));
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }

    /** {@code listJobs} → "List jobs". */
    static String sentence(String methodName) {
        String words = methodName.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
