package dev.valuator.ops;

import dev.valuator.system.SuccessBody;
import dev.valuator.system.web.PublicReads;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/valuations/refresh/alerts?lookbackHours=24}. */
@RestController
class AlertController {

    private final AlertReport alerts;
    private final PublicReads publicReads;

    AlertController(AlertReport alerts, PublicReads publicReads) {
        this.alerts = alerts;
        this.publicReads = publicReads;
    }

    @GetMapping("/api/valuations/refresh/alerts")
    SuccessBody<AlertReport.Report> getAlerts(
            @RequestParam(defaultValue = "24")
                    @Min(value = 1, message = "must be a whole number 1-720")
                    @Max(value = 720, message = "must be a whole number 1-720")
                    int lookbackHours) {
        return new SuccessBody<>(publicReads.read("alerts " + lookbackHours, () -> alerts.report(lookbackHours)));
    }
}
