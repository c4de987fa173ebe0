package dev.valuator;

import dev.valuator.refresh.cli.RefreshCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ValuatorApplication {

    public static void main(String[] args) {
        if (RefreshCommand.matches(args)) {
            System.exit(RefreshCommand.execute(ValuatorApplication.class, args));
        }
        ConfigurableApplicationContext context = SpringApplication.run(ValuatorApplication.class, args);
        // SIGTERM is a normal stop: shut down gracefully (runs end "interrupted by shutdown", the web
        // server drains) and exit 0 rather than the JVM's 143, so orchestrators do not see a crash
        Signal.handle(new Signal("TERM"), signal -> System.exit(SpringApplication.exit(context)));
    }
}
