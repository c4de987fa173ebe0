package dev.valuator.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the request's credentials into roles, from headers only (never the body or the query
 * string): {@code ROLE_ADMIN} for the admin token, {@code ROLE_CRON} for a cron secret in
 * {@code x-cron-secret} (or, without that header, as a Bearer token), {@code ROLE_METRICS} for
 * the metrics token. A request with none stays anonymous; what it may call is the chain's rule.
 */
final class CredentialFilter extends OncePerRequestFilter {

    static final String CRON_HEADER = "x-cron-secret";

    private final AccessProperties access;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CredentialFilter(AccessProperties access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bearer = Secrets.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        String cron = request.getHeader(CRON_HEADER);
        List<GrantedAuthority> roles = new ArrayList<>(3);
        if (access.isAdmin(bearer)) {
            roles.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        if (access.isCron(cron == null ? bearer : cron.strip())) {
            roles.add(new SimpleGrantedAuthority("ROLE_CRON"));
        }
        if (access.isMetrics(bearer)) {
            roles.add(new SimpleGrantedAuthority("ROLE_METRICS"));
        }
        if (!roles.isEmpty()) {
            SecurityContext context = contexts.createEmptyContext();
            String name =
                    roles.getFirst().getAuthority().substring("ROLE_".length()).toLowerCase(java.util.Locale.ROOT);
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, roles));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
