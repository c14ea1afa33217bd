package io.vehiclesmonitor.backend.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.server.ServerWebExchange;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * 401 and 403 as {@code application/problem+json}, like every other error of the API. The
 * 401 names HTTP Basic in {@code WWW-Authenticate} except for event streams and for
 * requests a page's script marks with {@code X-Requested-With: XMLHttpRequest}: a
 * browser's {@code EventSource} or {@code fetch} should fail, not open a password dialog.
 */
final class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof ThrottledAuthenticationManager.LoginThrottledException throttled) {
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
			return write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-many-logins", "Too many logins",
					"Too many failed logins for this user or from this address; try again later.");
		}
		List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
		boolean script = "XMLHttpRequest".equals(exchange.getRequest().getHeaders().getFirst("X-Requested-With"));
		if (!script && accept.stream().noneMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"vehicles-monitor\"");
		}
		return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"Log in, or send HTTP Basic credentials or an API token.");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
		return write(exchange.getResponse(), HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your role does not allow this request (or its CSRF token is missing).");
	}

	private Mono<Void> write(ServerHttpResponse response, HttpStatus status, String type, String title, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", ApiProblem.type(type).toString());
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
	}

}
