package dev.valuator.ops;

import dev.valuator.system.InvalidRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/valuations/refresh/alerts?lookbackHours=24}. */
@RestController
class AlertController {

    private final AlertReport alerts;

    AlertController(AlertReport alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/valuations/refresh/alerts")
    Map<String, AlertReport.Report> alerts(@RequestParam(required = false) String lookbackHours) {
        int hours = 24;
        if (lookbackHours != null) {
            try {
                hours = Integer.parseInt(lookbackHours.strip());
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > 720) {
                throw new InvalidRequest("lookbackHours", "must be a whole number 1-720");
            }
        }
        return Map.of("data", alerts.report(hours));
    }
}
