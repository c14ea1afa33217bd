package io.vehiclesmonitor.backend.support;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;

/**
 * TEST ONLY: the admin every test database starts with and the gateway token every test
 * application accepts ({@code monitor.security.*} in the test
 * {@code config/application.yml}), for tests whose subject is not security.
 */
public final class TestUsers {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "test-admin-password";

	/** The configured gateway token of every test application. */
	public static final String GATEWAY_TOKEN = "gw_test-gateway-token";

	private TestUsers() {
	}

	/** Adds the test gateway token, which may ping for every vehicle. */
	public static Consumer<HttpHeaders> gateway() {
		return (headers) -> headers.setBearerAuth(GATEWAY_TOKEN);
	}

	/** Adds the admin's HTTP Basic credentials. */
	public static Consumer<HttpHeaders> admin() {
		return (headers) -> headers.setBasicAuth(ADMIN, ADMIN_PASSWORD);
	}

	/** The value of an {@code Authorization} header with these Basic credentials. */
	public static String basic(String username, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
