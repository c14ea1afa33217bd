package io.vehiclesmonitor.backend.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import io.vehiclesmonitor.backend.support.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, over HTTP against the whole application: every role on every path,
 * allowed and denied, a CUSTOMER user's view narrowed to its customer, and the browser's
 * form login with its session and CSRF token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityIntegrationTests {

	static final String KALLES_VIN = "YS2R4X20005399401";

	static final String JOHANS_VIN = "YS2R4X20005388011";

	static final String HARALDS_VIN = "YS2R4X20005387765";

	static final List<String> KALLES_VINS = List.of("VLUR4X20009048066", "VLUR4X20009093588", KALLES_VIN);

	static final String OPERATOR = "sec-operator";

	static final String CUSTOMER = "sec-kalle";

	static final String THROTTLED = "sec-throttled";

	static final String PASSWORD = "a-long-test-password";

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	long kalles;

	long johans;

	@BeforeEach
	void users() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).get()
				.uri("/vehicles")
				.exchange()
				.expectBody(LIST)
				.returnResult()
				.getResponseBody()
				.size() >= 7);
		this.kalles = customerOf(KALLES_VIN);
		this.johans = customerOf(JOHANS_VIN);
		createUser(OPERATOR, "OPERATOR", null);
		createUser(CUSTOMER, "CUSTOMER", this.kalles);
	}

	@Test
	void anonymousRequestsGetProblem401OrTheLoginPage() {
		for (String path : List.of("/vehicles", "/vehicles/" + KALLES_VIN, "/customers", "/users", "/v3/api-docs")) {
			anonymous().get()
				.uri(path)
				.accept(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("WWW-Authenticate", "Basic realm=\"vehicles-monitor\"")
				.expectHeader()
				.valueEquals("Content-Security-Policy",
						"default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("/problems/unauthorized")
				.jsonPath("$.trace")
				.doesNotExist();
		}
		// a page's script asking: refused without a challenge (no password dialog)
		anonymous().get()
			.uri("/vehicles?limit=1")
			.accept(MediaType.APPLICATION_JSON)
			.header("X-Requested-With", "XMLHttpRequest")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist("WWW-Authenticate");
		anonymous().get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login");
		anonymous().get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("id=\"login-form\"").doesNotContain("<script>"));
		anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void wrongPasswordAndUnknownUserAre401() {
		as(OPERATOR, "not-the-password").get().uri("/vehicles").exchange().expectStatus().isUnauthorized();
		as("nobody-at-all", PASSWORD).get().uri("/vehicles").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void repeatedWrongPasswordsLockTheUsernameOutWith429EvenForTheRightOne() {
		createUser(THROTTLED, "OPERATOR", null);
		for (int i = 0; i < 5; i++) {
			as(THROTTLED, "wrong-password-" + i).get().uri("/vehicles").exchange().expectStatus().isUnauthorized();
		}
		as(THROTTLED, PASSWORD).get()
			.uri("/vehicles")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/too-many-logins");
		// Other users from the same address are not locked out by one user's failures.
		as(OPERATOR, PASSWORD).get().uri("/vehicles").exchange().expectStatus().isOk();
	}

	@Test
	void successfulWritesAreAuditedWithWhoWhatAndWhenAndOnlyAdminReadsTheLog() {
		java.time.OffsetDateTime before = java.time.OffsetDateTime.now().minusSeconds(1);
		as(OPERATOR, PASSWORD).delete().uri("/users/{name}", CUSTOMER).exchange().expectStatus().isForbidden();
		admin().put()
			.uri("/users/{name}", CUSTOMER)
			.bodyValue(Map.of("role", "CUSTOMER", "customerId", this.kalles))
			.exchange()
			.expectStatus()
			.isOk();
		List<Map<String, Object>> entries = admin().get()
			.uri("/audit?limit=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(entries.get(0)).containsEntry("actor", TestUsers.ADMIN)
			.containsEntry("action", "PUT")
			.containsEntry("target", "/users/" + CUSTOMER)
			.containsEntry("status", 200);
		assertThat(java.time.OffsetDateTime.parse((String) entries.get(0).get("at"))).isAfter(before);
		// The refused delete changed nothing and is not in the log.
		assertThat(entries).noneMatch((entry) -> OPERATOR.equals(entry.get("actor")));
		as(OPERATOR, PASSWORD).get().uri("/audit").exchange().expectStatus().isForbidden();
		as(CUSTOMER, PASSWORD).get().uri("/audit").exchange().expectStatus().isForbidden();
	}

	@Test
	void theLastEnabledAdminCannotBeDeletedDemotedOrDisabled() {
		String second = "second-admin";
		admin().delete().uri("/users/{name}", second).exchange();
		for (var attempt : List.<java.util.function.Function<WebTestClient, WebTestClient.ResponseSpec>>of(
				(client) -> client.delete().uri("/users/{name}", TestUsers.ADMIN).exchange(),
				(client) -> client.put()
					.uri("/users/{name}", TestUsers.ADMIN)
					.bodyValue(Map.of("role", "OPERATOR"))
					.exchange(),
				(client) -> client.put()
					.uri("/users/{name}", TestUsers.ADMIN)
					.bodyValue(Map.of("role", "ADMIN", "enabled", false))
					.exchange())) {
			attempt.apply(admin())
				.expectStatus()
				.isEqualTo(HttpStatus.CONFLICT)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("/problems/last-admin");
		}
		admin().get().uri("/users/{name}", TestUsers.ADMIN).exchange().expectStatus().isOk();

		createUser(second, "ADMIN", null);
		as(second, PASSWORD).put()
			.uri("/users/{name}", TestUsers.ADMIN)
			.bodyValue(Map.of("role", "ADMIN", "enabled", false))
			.exchange()
			.expectStatus()
			.isOk();
		as(second, PASSWORD).delete()
			.uri("/users/{name}", second)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		as(second, PASSWORD).put()
			.uri("/users/{name}", TestUsers.ADMIN)
			.bodyValue(Map.of("role", "ADMIN", "enabled", true))
			.exchange()
			.expectStatus()
			.isOk();
		admin().delete().uri("/users/{name}", second).exchange().expectStatus().isNoContent();
		admin().delete().uri("/users/{name}", "nobody-" + second).exchange().expectStatus().isNotFound();
	}

	@Test
	void disabledUserIsRefused() {
		admin().put()
			.uri("/users/{name}", OPERATOR)
			.bodyValue(Map.of("role", "OPERATOR", "enabled", false))
			.exchange()
			.expectStatus()
			.isOk();
		as(OPERATOR, PASSWORD).get().uri("/vehicles").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void operatorReadsEverythingAndChangesNothing() {
		WebTestClient operator = as(OPERATOR, PASSWORD);
		assertThat(operator.get().uri("/vehicles").exchange().expectBody(LIST).returnResult().getResponseBody())
			.hasSizeGreaterThanOrEqualTo(7);
		operator.get().uri("/vehicles/" + JOHANS_VIN).exchange().expectStatus().isOk();
		operator.get().uri("/customers/" + this.johans).exchange().expectStatus().isOk();
		for (Write write : writes()) {
			write.send(operator)
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		operator.get().uri("/users").exchange().expectStatus().isForbidden();
	}

	@Test
	void customerReadsOnlyItsOwnCustomerOnEveryReadPath() {
		WebTestClient kalle = as(CUSTOMER, PASSWORD);
		assertThat(vins(kalle, "/vehicles")).containsExactlyElementsOf(KALLES_VINS);
		assertThat(vins(kalle, "/vehicles?customer=" + this.johans)).isEmpty();
		assertThat(vins(kalle, "/vehicles?customer=" + this.kalles)).containsExactlyElementsOf(KALLES_VINS);
		assertThat(vins(kalle, "/vehicles?q=AB")).containsExactlyElementsOf(KALLES_VINS);
		assertThat(vins(kalle, "/vehicles?status=DISCONNECTED")).isSubsetOf(KALLES_VINS);
		assertThat(vins(kalle, "/vehicles?limit=2")).containsExactlyElementsOf(KALLES_VINS.subList(0, 2));
		assertThat(vins(kalle, "/vehicles?limit=2&after=" + encodedCursorAfterSecond(kalle)))
			.containsExactly(KALLES_VIN);
		kalle.get().uri("/vehicles/" + KALLES_VIN).exchange().expectStatus().isOk();
		kalle.get()
			.uri("/vehicles/" + JOHANS_VIN)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/vehicle-not-found");
		assertThat(kalle.get().uri("/customers").exchange().expectBody(LIST).returnResult().getResponseBody())
			.extracting((c) -> ((Number) c.get("id")).longValue())
			.containsExactly(this.kalles);
		kalle.get().uri("/customers/" + this.kalles).exchange().expectStatus().isOk();
		kalle.get().uri("/customers/" + this.johans).exchange().expectStatus().isNotFound();
		for (Write write : writes()) {
			write.send(kalle).expectStatus().isForbidden();
		}
		kalle.get().uri("/users").exchange().expectStatus().isForbidden();
	}

	@Test
	void adminManagesFleetAndUsersIncludingBulkImport() {
		admin().post()
			.uri("/vehicles/import")
			.contentType(MediaType.valueOf("text/csv"))
			.bodyValue("vin,regNr,customerId\n")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(admin().get().uri("/users").exchange().expectBody(LIST).returnResult().getResponseBody())
			.extracting((u) -> u.get("username"))
			.contains(TestUsers.ADMIN, OPERATOR, CUSTOMER)
			.allSatisfy((name) -> assertThat(name).isNotNull());
		admin().get()
			.uri("/users/{name}", CUSTOMER)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.customerId")
			.isEqualTo(this.kalles)
			.jsonPath("$.passwordHash")
			.doesNotExist();
		admin().post()
			.uri("/users")
			.bodyValue(Map.of("username", "no-customer", "password", PASSWORD, "role", "CUSTOMER"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		admin().post()
			.uri("/users")
			.bodyValue(Map.of("username", "short", "password", "short", "role", "OPERATOR"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void browserLogsInWithTheFormUsesItsSessionWithCsrfAndLogsOut() {
		WebTestClient browser = anonymous();
		EntityExchangeResult<String> page = browser.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		ResponseCookie csrfCookie = page.getResponseCookies().getFirst("XSRF-TOKEN");
		assertThat(csrfCookie).isNotNull();
		String csrf = csrfCookie.getValue();

		// Without the token, a forged login is refused.
		browser.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.body(BodyInserters.fromFormData(form(CUSTOMER, PASSWORD, null)))
			.exchange()
			.expectStatus()
			.isForbidden();
		browser.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.body(BodyInserters.fromFormData(form(CUSTOMER, "wrong-password-here", csrf)))
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login?error");
		EntityExchangeResult<Void> login = browser.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.body(BodyInserters.fromFormData(form(CUSTOMER, PASSWORD, csrf)))
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.isEmpty();
		ResponseCookie session = login.getResponseCookies().getFirst("VM_SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();

		assertThat(vins(browser.mutate().defaultCookie("VM_SESSION", session.getValue()).build(), "/vehicles"))
			.containsExactlyElementsOf(KALLES_VINS);
		// A write from the session needs the token: without it 403, whatever the role.
		browser.delete()
			.uri("/vehicles/" + KALLES_VIN)
			.cookie("VM_SESSION", session.getValue())
			.cookie("XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isForbidden();

		browser.post()
			.uri("/logout")
			.cookie("VM_SESSION", session.getValue())
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isFound();
		browser.get()
			.uri("/vehicles")
			.cookie("VM_SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void basicAuthenticationCreatesNoSession() {
		EntityExchangeResult<byte[]> result = admin().get()
			.uri("/vehicles")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(result.getResponseCookies()).doesNotContainKey("VM_SESSION");
	}

	@Test
	void apiTokensActAsTheirUserReadOnlyOnesChangeNothingAndRevokedOnesAreRefused() {
		String readWrite = createToken(admin(), "ci", false);
		String readOnly = createToken(admin(), "wall display", true);
		assertThat(readWrite).startsWith("vm_");

		bearer(readWrite).get().uri("/vehicles").exchange().expectStatus().isOk();
		emptyImport(bearer(readWrite)).expectStatus().isOk();
		bearer(readWrite).get().uri("/users").exchange().expectStatus().isOk();

		assertThat(vins(bearer(readOnly), "/vehicles")).hasSizeGreaterThanOrEqualTo(7);
		emptyImport(bearer(readOnly)).expectStatus().isForbidden();
		bearer(readOnly).get().uri("/users").exchange().expectStatus().isForbidden();
		// A token never mints another one (a read-only token could mint a read-write
		// one).
		bearer(readOnly).post()
			.uri("/tokens")
			.bodyValue(Map.of("name", "escalate", "readOnly", false))
			.exchange()
			.expectStatus()
			.isForbidden();

		bearer("vm_not-a-token").get()
			.uri("/vehicles")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		// Rotation: a new token, then the old one revoked.
		String rotated = createToken(admin(), "ci", false);
		long oldId = tokenId(admin(), readWrite);
		admin().delete().uri("/tokens/{id}", oldId).exchange().expectStatus().isNoContent();
		bearer(readWrite).get().uri("/vehicles").exchange().expectStatus().isUnauthorized();
		bearer(rotated).get().uri("/vehicles").exchange().expectStatus().isOk();
		admin().delete().uri("/tokens/{id}", oldId).exchange().expectStatus().isNotFound();
		assertThat(admin().get().uri("/tokens").exchange().expectBody(String.class).returnResult().getResponseBody())
			.doesNotContain(readOnly, rotated, "token\"");
	}

	@Test
	void aCustomersTokenSeesOnlyItsCustomer() {
		String token = createToken(as(CUSTOMER, PASSWORD), "kalle", false);
		assertThat(vins(bearer(token), "/vehicles")).containsExactlyElementsOf(KALLES_VINS);
		bearer(token).get().uri("/vehicles/" + JOHANS_VIN).exchange().expectStatus().isNotFound();
		emptyImport(bearer(token)).expectStatus().isForbidden();
	}

	@Test
	void aPingNeedsThatVehiclesTokenOrAGatewayToken() {
		ping(null, HARALDS_VIN).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		ping("vt_wrong", HARALDS_VIN).expectStatus().isUnauthorized();
		// A user is no vehicle, not even an admin.
		admin().post().uri("/vehicles/{vin}/ping", HARALDS_VIN).exchange().expectStatus().isForbidden();

		String first = vehicleToken(HARALDS_VIN);
		assertThat(first).startsWith("vt_");
		ping(first, HARALDS_VIN).expectStatus().isAccepted();
		ping(first, KALLES_VIN).expectStatus().isUnauthorized();

		String rotated = vehicleToken(HARALDS_VIN);
		ping(first, HARALDS_VIN).expectStatus().isUnauthorized();
		ping(rotated, HARALDS_VIN).expectStatus().isAccepted();
		admin().delete().uri("/vehicles/{vin}/token", HARALDS_VIN).exchange().expectStatus().isNoContent();
		ping(rotated, HARALDS_VIN).expectStatus().isUnauthorized();

		Map<?, ?> gateway = admin().post()
			.uri("/gateway-tokens")
			.bodyValue(Map.of("name", "depot"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String gatewayToken = (String) gateway.get("token");
		ping(gatewayToken, HARALDS_VIN).expectStatus().isAccepted();
		ping(gatewayToken, KALLES_VIN).expectStatus().isAccepted();
		ping(TestUsers.GATEWAY_TOKEN, KALLES_VIN).expectStatus().isAccepted();
		admin().delete()
			.uri("/gateway-tokens/{id}", ((Number) gateway.get("id")).longValue())
			.exchange()
			.expectStatus()
			.isNoContent();
		ping(gatewayToken, HARALDS_VIN).expectStatus().isUnauthorized();
		assertThat(admin().get()
			.uri("/gateway-tokens")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).doesNotContain(gatewayToken);

		// Only ADMIN manages ping credentials.
		as(OPERATOR, PASSWORD).post().uri("/vehicles/{vin}/token", HARALDS_VIN).exchange().expectStatus().isForbidden();
		as(OPERATOR, PASSWORD).get().uri("/gateway-tokens").exchange().expectStatus().isForbidden();
		admin().post().uri("/vehicles/{vin}/token", "YS2R4X20005300000").exchange().expectStatus().isNotFound();
	}

	private WebTestClient.ResponseSpec ping(String token, String vin) {
		WebTestClient client = (token != null)
				? anonymous().mutate().defaultHeaders((headers) -> headers.setBearerAuth(token)).build() : anonymous();
		return client.post().uri("/vehicles/{vin}/ping", vin).exchange();
	}

	private String vehicleToken(String vin) {
		Map<?, ?> answer = admin().post()
			.uri("/vehicles/{vin}/token", vin)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) answer.get("token");
	}

	private static WebTestClient.ResponseSpec emptyImport(WebTestClient client) {
		return client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.valueOf("text/csv"))
			.bodyValue("vin,regNr,customerId\n")
			.exchange();
	}

	private static String createToken(WebTestClient client, String name, boolean readOnly) {
		Map<?, ?> created = client.post()
			.uri("/tokens")
			.bodyValue(Map.of("name", name, "readOnly", readOnly))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) created.get("token");
	}

	private long tokenId(WebTestClient client, String token) {
		// The list never shows tokens: of the two valid tokens named "ci", the older one
		// is
		// the token being rotated out.
		List<Map<String, Object>> tokens = client.get()
			.uri("/tokens")
			.exchange()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		return tokens.stream()
			.filter((t) -> "ci".equals(t.get("name")) && t.get("revokedAt") == null)
			.mapToLong((t) -> ((Number) t.get("id")).longValue())
			.min()
			.orElseThrow();
	}

	private WebTestClient bearer(String token) {
		return anonymous().mutate().defaultHeaders((headers) -> headers.setBearerAuth(token)).build();
	}

	private List<Write> writes() {
		String vehicle = "{\"vin\":\"YS2R4X20005399499\",\"regNr\":\"SEC999\",\"customerId\":" + this.kalles + "}";
		return List.of(new Write(HttpMethod.POST, "/vehicles", MediaType.APPLICATION_JSON, vehicle),
				new Write(HttpMethod.PUT, "/vehicles/" + KALLES_VIN, MediaType.APPLICATION_JSON,
						"{\"regNr\":\"ABC123\",\"customerId\":" + this.kalles + "}"),
				new Write(HttpMethod.DELETE, "/vehicles/" + KALLES_VIN, null, null),
				new Write(HttpMethod.POST, "/vehicles/import", MediaType.valueOf("text/csv"),
						"vin,regNr,customerId\nYS2R4X20005399499,SEC999," + this.kalles + "\n"),
				new Write(HttpMethod.POST, "/vehicles/import", MediaType.APPLICATION_JSON, "[" + vehicle + "]"),
				new Write(HttpMethod.POST, "/customers", MediaType.APPLICATION_JSON,
						"{\"name\":\"Sec AB\",\"address\":\"Gatan 1\"}"),
				new Write(HttpMethod.PUT, "/customers/" + this.kalles, MediaType.APPLICATION_JSON,
						"{\"name\":\"Sec AB\",\"address\":\"Gatan 1\"}"),
				new Write(HttpMethod.DELETE, "/customers/" + this.johans, null, null),
				new Write(HttpMethod.POST, "/users", MediaType.APPLICATION_JSON,
						"{\"username\":\"x\",\"password\":\"xxxxxxxxxxxxxxxx\",\"role\":\"ADMIN\"}"),
				new Write(HttpMethod.DELETE, "/users/" + TestUsers.ADMIN, null, null));
	}

	private String encodedCursorAfterSecond(WebTestClient client) {
		String link = client.get()
			.uri("/vehicles?limit=2")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("Link");
		assertThat(link).isNotNull();
		return link.substring(link.indexOf("after=") + "after=".length(), link.indexOf('>'));
	}

	private static MultiValueMap<String, String> form(String username, String password, String csrf) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", username);
		form.add("password", password);
		if (csrf != null) {
			form.add("_csrf", csrf);
		}
		return form;
	}

	private List<String> vins(WebTestClient client, String uri) {
		return client.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((v) -> (String) v.get("vin"))
			.filter((vin) -> vin.startsWith("YS2R4X2000") || vin.startsWith("VLUR4X2000"))
			.toList();
	}

	private long customerOf(String vin) {
		return ((Number) ((Map<?, ?>) admin().get()
			.uri("/vehicles/" + vin)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("customer")).get("id")).longValue();
	}

	private void createUser(String username, String role, Long customerId) {
		admin().delete().uri("/users/{name}", username).exchange();
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("username", username, "password", PASSWORD, "role", role));
		if (customerId != null) {
			body.put("customerId", customerId);
		}
		admin().post().uri("/users").bodyValue(body).exchange().expectStatus().isEqualTo(HttpStatus.CREATED);
	}

	private WebTestClient admin() {
		return as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
	}

	private WebTestClient as(String username, String password) {
		return anonymous().mutate().defaultHeaders((headers) -> headers.setBasicAuth(username, password)).build();
	}

	private WebTestClient anonymous() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** A state-changing request that only ADMIN may send. */
	private record Write(HttpMethod method, String uri, MediaType type, String body) {

		WebTestClient.ResponseSpec send(WebTestClient client) {
			WebTestClient.RequestBodySpec request = client.method(this.method).uri(this.uri);
			if (this.body == null) {
				return request.exchange();
			}
			return request.contentType(this.type).bodyValue(this.body).exchange();
		}

	}

}
