package dev.valuator.ops;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} answers whether this instance can serve — the database, a lock
 * connection — so a load balancer never pulls every instance because the provider is down or a
 * backfill is slow. The refresh verdict lives only in its own group, {@code /actuator/health/refresh}.
 */
@Component
class PrimaryHealthGroup implements HealthEndpointGroupsPostProcessor {

    static final String CONTRIBUTOR = "refreshVerdict";

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        Map<String, HealthEndpointGroup> named =
                groups.getNames().stream().collect(Collectors.toMap(name -> name, groups::get));
        return HealthEndpointGroups.of(new Without(groups.getPrimary(), Set.of(CONTRIBUTOR)), named);
    }

    /** A group with some contributors left out. */
    private record Without(HealthEndpointGroup group, Set<String> excluded) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return !excluded.contains(name) && group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
