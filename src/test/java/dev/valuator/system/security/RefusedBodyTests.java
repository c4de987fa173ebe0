package dev.valuator.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request the security chain refuses is answered before its body is read. */
@ValuatorTest
class RefusedBodyTests extends RunningService {

    static final int ANNOUNCED = 5 * 1024 * 1024;

    @Test
    void anUnauthenticatedFormPutIsRefusedBeforeItsBodyIsSent() throws IOException {
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            assertThat(answerToAnnouncedForm(method, "/api/accounts/acc-1"))
                    .as(method)
                    .startsWith("HTTP/1.1 401");
        }
    }

    /** Announces 5 MiB of form body, sends 1 KiB of it, and waits (at most 10 s) for the status line. */
    private String answerToAnnouncedForm(String method, String path) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + ANNOUNCED + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write("a&".repeat(512).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                    line.write(b);
                }
            } catch (SocketTimeoutException e) {
                return "no answer within 10 s";
            }
            return line.toString(StandardCharsets.US_ASCII).strip();
        }
    }
}
