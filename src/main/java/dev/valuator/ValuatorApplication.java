package dev.valuator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ValuatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ValuatorApplication.class, args);
    }
}
