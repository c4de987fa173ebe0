package dev.valuator.system.web;

import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Typed path and query parameters in the contract's spellings (a mismatch is the contract's 400). */
@Configuration(proxyBeanMethods = false)
class WebConversions implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, UUID.class, Identifiers::uuid);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SingleTypedValues());
    }

    /**
     * Spring binds the first of repeated values and reads a blank one as absent (the default);
     * the contract answers both with 400, for every typed query parameter alike.
     */
    static final class SingleTypedValues implements HandlerInterceptor {

        private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param == null || parameter.getParameterType() == String.class) {
                    continue;
                }
                parameter.initParameterNameDiscovery(NAMES);
                String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                String[] values = request.getParameterValues(name);
                if (values != null && values.length > 1) {
                    throw new InvalidRequest(name, "must be given once");
                }
                if (values != null && values[0].isBlank()) {
                    throw new InvalidRequest(name, ParameterRules.of(parameter, parameter.getParameterType()));
                }
            }
            return true;
        }
    }
}
