package dev.valuator;

import dev.valuator.refresh.RefreshCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ValuatorApplication {

    public static void main(String[] args) {
        if (RefreshCommand.matches(args)) {
            System.exit(RefreshCommand.execute(ValuatorApplication.class, args));
        }
        SpringApplication.run(ValuatorApplication.class, args);
    }
}
