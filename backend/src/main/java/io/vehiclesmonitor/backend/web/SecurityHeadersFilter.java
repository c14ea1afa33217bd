package io.vehiclesmonitor.backend.web;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Security headers on every response. The dashboard needs nothing but its own origin (no
 * inline code, no CDN), so it gets a strict Content Security Policy. The API docs UI
 * (springdoc's Swagger UI) injects inline styles and data: images, so its pages get a
 * policy relaxed by exactly that; it still runs no script from anywhere else and cannot
 * be framed.
 * <p>
 * Runs before Spring Security's chain (order -100), so its 401, 403 and login redirects
 * carry the headers too; the chain adds only headers this filter does not set.
 */
@Component
@Order(SecurityHeadersFilter.ORDER)
class SecurityHeadersFilter implements WebFilter {

	/** Before {@code WebFilterChainProxy} of Spring Security. */
	static final int ORDER = -200;

	static final String STRICT_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	static final String API_DOCS_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		headers.set("Content-Security-Policy", isApiDocsUi(path) ? API_DOCS_POLICY : STRICT_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
		return chain.filter(exchange);
	}

	private static boolean isApiDocsUi(String path) {
		return path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui");
	}

}
