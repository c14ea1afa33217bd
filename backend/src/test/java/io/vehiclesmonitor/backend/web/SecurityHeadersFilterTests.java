package io.vehiclesmonitor.backend.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every response gets the security headers; the API docs UI gets a policy relaxed only
 * for inline styles and data: images.
 */
class SecurityHeadersFilterTests {

	private final WebTestClient client = WebTestClient.bindToWebHandler((exchange) -> Mono.empty())
		.webFilter(new SecurityHeadersFilter())
		.build();

	@Test
	void dashboardApiAndStreamGetTheStrictPolicy() {
		for (String path : new String[] { "/", "/index.html", "/js/main.js", "/vehicles", "/vehicles/stream" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.valueEquals("Content-Security-Policy",
						"default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("Referrer-Policy", "no-referrer");
		}
	}

	@Test
	void swaggerUiMayUseInlineStylesAndDataImagesButNothingElse() {
		for (String path : new String[] { "/swagger-ui.html", "/swagger-ui/index.html",
				"/webjars/swagger-ui/index.html" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.valueEquals("Content-Security-Policy",
						"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
								+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("Referrer-Policy", "no-referrer");
		}
	}

}
