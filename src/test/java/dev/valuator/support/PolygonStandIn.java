package dev.valuator.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * One WireMock server per test JVM standing in for Polygon/Massive; tests stub Polygon-shaped
 * JSON on it (see {@link PolygonResponses}) and reset it before each test.
 */
public final class PolygonStandIn {

    private static WireMockServer server;

    private PolygonStandIn() {}

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }
}
