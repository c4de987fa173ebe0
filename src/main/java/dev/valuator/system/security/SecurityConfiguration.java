package dev.valuator.system.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one security chain, deny by default: each route of {@link Routes} gets its rule, anything
 * else is refused. Credentials are headers checked before any body is read and before any
 * database work; nothing is kept in a session. Spring Security's {@code StrictHttpFirewall}
 * stays on, so a path not in canonical form never reaches a rule or a controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessProperties access, JsonMapper json) {
        AccessRefusal refusal = new AccessRefusal(access, json);
        http.csrf(AbstractHttpConfigurer::disable) // no cookies: credentials are headers a browser never adds itself
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CredentialFilter(access), AnonymousAuthenticationFilter.class)
                .exceptionHandling(
                        refusals -> refusals.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    for (Routes.Route route : Routes.ALL) {
                        apply(rules, route, access);
                    }
                    rules.anyRequest().denyAll();
                });
        return http.build();
    }

    private static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            Routes.Route route,
            AccessProperties access) {
        var matched = route.method() == HttpMethod.GET
                ? rules.requestMatchers(
                        route.matcher(),
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, route.pattern()))
                : rules.requestMatchers(route.matcher());
        switch (route.access()) {
            case PUBLIC -> matched.permitAll();
            case ADMIN -> matched.hasRole("ADMIN");
            case CRON -> matched.hasRole("CRON");
            case METRICS -> {
                if (access.metricsTokenConfigured()) {
                    matched.hasAnyRole("METRICS", "ADMIN");
                } else {
                    matched.permitAll();
                }
            }
        }
    }

    /** Picked up by Spring Security for firewall rejections: JSON 400 instead of an error page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(AccessProperties access, JsonMapper json) {
        return new AccessRefusal(access, json);
    }

    /** No users and no generated password: every credential is a configured token. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
