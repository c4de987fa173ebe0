package dev.valuator.marketdata;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every run prices besides the symbols accounts hold.
 *
 * @param alwaysRefreshSymbols symbols fetched by every run whether or not an account holds them
 *     ({@code VALUATION_ALWAYS_REFRESH_SYMBOLS}, comma separated; checked by EnvironmentCheck)
 */
@ConfigurationProperties("valuator.prices")
public record PriceScopeProperties(List<String> alwaysRefreshSymbols) {

    public PriceScopeProperties {
        alwaysRefreshSymbols = alwaysRefreshSymbols == null
                ? List.of()
                : alwaysRefreshSymbols.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
    }

    public static PriceScopeProperties none() {
        return new PriceScopeProperties(List.of());
    }
}
