package dev.valuator.system;

import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Typed path and query parameters in the contract's spellings (a mismatch is the contract's 400). */
@Configuration(proxyBeanMethods = false)
class WebConversions implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, UUID.class, Identifiers::uuid);
    }
}
