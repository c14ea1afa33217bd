package io.vehiclesmonitor.backend.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.client.WebClient;

import io.vehiclesmonitor.backend.support.TestUsers;
import io.vehiclesmonitor.backend.VehiclesMonitorApplication;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet API end to end over HTTP against a real database, run once on PostgreSQL and
 * once on H2 (the standalone variant) with the same migrations. Each test leaves the
 * reference fleet as seeded; error tests also prove the database is unchanged.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "monitor.fleet.import-max-size=64KB")
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
abstract class FleetApiIntegrationTests {

	static final List<String> REFERENCE_VINS = List.of("VLUR4X20009048066", "VLUR4X20009093588", "YS2R4X20005387055",
			"YS2R4X20005387765", "YS2R4X20005387949", "YS2R4X20005388011", "YS2R4X20005399401");

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReferenceFleetSeeder seeder;

	@Autowired
	PingProcessor statusEngine;

	/** Command-line arguments pointing a second application at the same database. */
	abstract List<String> databaseArguments();

	@BeforeEach
	void asAdmin() {
		this.client = this.client.mutate().defaultHeaders(TestUsers.admin()).build();
	}

	@BeforeEach
	void referenceFleetSeeded() {
		this.seeder.completion()
			.as(StepVerifier::create)
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	@AfterEach
	void removeTestData() {
		this.db.sql("DELETE FROM vehicles WHERE vin NOT IN (:vins)")
			.bind("vins", REFERENCE_VINS)
			.then()
			.then(this.db.sql("DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM vehicles)").then())
			.as(StepVerifier::create)
			.verifyComplete();
	}

	@Test
	void listsTheSevenReferenceVehiclesWithOwnersInVinOrder() {
		List<Map<String, Object>> vehicles = getList("/vehicles");
		assertThat(vehicles).extracting((v) -> v.get("vin")).containsExactlyElementsOf(REFERENCE_VINS);
		Map<String, Object> first = vehicles.get(6);
		assertThat(first).containsEntry("vin", "YS2R4X20005399401")
			.containsEntry("regNr", "ABC123")
			.containsEntry("status", "DISCONNECTED")
			.containsEntry("lastSeen", null)
			.containsEntry("since", null);
		assertThat(first.get("customer")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("name", "Kalles Grustransporter AB")
			.containsEntry("address", "Cementvägen 8, 111 11 Södertälje");
		assertThat(first.get("heartbeat"))
			.isEqualTo(Map.of("intervalSeconds", 60, "graceSeconds", 10, "timeoutSeconds", 70, "source", "GLOBAL"));
		assertThat(vehicles).extracting((v) -> (Object) ((Map<?, ?>) v.get("customer")).get("name"))
			.containsOnly("Kalles Grustransporter AB", "Johans Bulk AB", "Haralds Värdetransporter AB");
	}

	@Test
	void streamsVehiclesAsNdjsonToo() {
		this.client.get()
			.uri("/vehicles")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class)
			.value((body) -> assertThat(body.strip().lines()).hasSize(7)
				.allMatch((line) -> line.startsWith("{\"vin\"")));
	}

	@Test
	void filtersByCustomerTextAndStatus() {
		long johans = customerId("Johans Bulk AB");
		assertThat(getList("/vehicles?customer=" + johans)).extracting((v) -> v.get("regNr"))
			.containsExactly("MNO345", "JKL012");
		assertThat(getList("/vehicles?q=VÄRDE")).extracting((v) -> v.get("regNr")).containsExactly("STU901", "PQR678");
		assertThat(getList("/vehicles?q=abc1")).extracting((v) -> v.get("vin")).containsExactly("YS2R4X20005399401");
		assertThat(getList("/vehicles?q=vlur")).hasSize(2);
		assertThat(getList("/vehicles?q=%25")).isEmpty();
		assertThat(getList("/vehicles?status=DISCONNECTED")).hasSize(7);
		assertThat(getList("/vehicles?status=connected")).isEmpty();
	}

	@Test
	void pagesWithOpaqueCursorAndLinkHeader() {
		List<Object> seen = new ArrayList<>();
		String next = "/vehicles?limit=3&status=DISCONNECTED";
		int pages = 0;
		while (next != null) {
			EntityExchangeResult<List<Map<String, Object>>> page = this.client.get()
				.uri(next)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JSON_ARRAY)
				.returnResult();
			page.getResponseBody().forEach((v) -> seen.add(v.get("vin")));
			String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
			next = (link != null) ? link.substring(1, link.indexOf('>')) : null;
			assertThat(link == null || link.endsWith("; rel=\"next\"")).isTrue();
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(REFERENCE_VINS);
	}

	@Test
	void readsOneVehicleAndCustomersWithCounts() {
		this.client.get()
			.uri("/vehicles/YS2R4X20005387765")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.regNr")
			.isEqualTo("PQR678")
			.jsonPath("$.customer.name")
			.isEqualTo("Haralds Värdetransporter AB");
		List<Map<String, Object>> customers = getList("/customers");
		assertThat(customers)
			.extracting((c) -> c.get("name"), (c) -> c.get("vehicleCount"), (c) -> c.get("connected"),
					(c) -> c.get("disconnected"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Kalles Grustransporter AB", 3, 0, 3),
					org.assertj.core.groups.Tuple.tuple("Johans Bulk AB", 2, 0, 2),
					org.assertj.core.groups.Tuple.tuple("Haralds Värdetransporter AB", 2, 0, 2));
		long kalles = customerId("Kalles Grustransporter AB");
		this.client.get()
			.uri("/customers/" + kalles)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.vehicleCount")
			.isEqualTo(3)
			.jsonPath("$.heartbeat.source")
			.isEqualTo("GLOBAL");
	}

	@Test
	void managesCustomersAndVehiclesWithHeartbeatOverrides() {
		Map<String, Object> customer = post("/customers", Map.of("name", "Åsa Öberg Åkeri AB", "address",
				"Ängsvägen 3, 444 44 Örebro", "pingIntervalSeconds", 120))
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		Object id = customer.get("id");
		assertThat(customer.get("heartbeat"))
			.isEqualTo(Map.of("intervalSeconds", 120, "graceSeconds", 10, "timeoutSeconds", 130, "source", "CUSTOMER"));

		post("/vehicles", Map.of("vin", "WDB9634031L123456", "regNr", "ÅÄÖ123", "customerId", id)).expectStatus()
			.isCreated()
			.expectHeader()
			.location("/vehicles/WDB9634031L123456")
			.expectBody()
			.jsonPath("$.heartbeat.source")
			.isEqualTo("CUSTOMER")
			.jsonPath("$.heartbeat.timeoutSeconds")
			.isEqualTo(130);
		assertThat(isRegistered("WDB9634031L123456")).isTrue();

		this.client.put()
			.uri("/vehicles/WDB9634031L123456")
			.bodyValue(Map.of("regNr", "XYZ999", "customerId", id, "pingGraceSeconds", 0))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.regNr")
			.isEqualTo("XYZ999")
			.jsonPath("$.heartbeat")
			.isEqualTo(Map.of("intervalSeconds", 120, "graceSeconds", 0, "timeoutSeconds", 120, "source", "VEHICLE"));

		this.client.put()
			.uri("/customers/" + id)
			.bodyValue(Map.of("name", "Åsa Öberg Åkeri AB", "address", "Ängsvägen 3, 444 44 Örebro"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.vehicleCount")
			.isEqualTo(1)
			.jsonPath("$.heartbeat.source")
			.isEqualTo("GLOBAL");

		this.client.delete().uri("/vehicles/WDB9634031L123456").exchange().expectStatus().isNoContent();
		assertThat(isRegistered("WDB9634031L123456")).isFalse();
		this.client.delete().uri("/customers/" + id).exchange().expectStatus().isNoContent();
		this.client.get().uri("/customers/" + id).exchange().expectStatus().isNotFound();
	}

	@Test
	void utf8RoundTripsFromDatabaseToJson() {
		String name = "Åke Ärlig Östlund AB ÅÄÖ åäö";
		String address = "Göta källare 7, 123 45 Ödeshög";
		Object id = post("/customers", Map.of("name", name, "address", address)).expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		post("/vehicles", Map.of("vin", "1FTFW1ET5DFC10312", "regNr", "ÖÄÅ001", "customerId", id)).expectStatus()
			.isCreated();
		String stored = await(this.db.sql("SELECT address FROM customers WHERE id = :id")
			.bind("id", ((Number) id).longValue())
			.map((row) -> row.get("address", String.class))
			.one());
		assertThat(stored).isEqualTo(address);
		byte[] raw = this.client.get()
			.uri("/vehicles?customer=" + id)
			.exchange()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		String json = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(json).contains(name, address, "ÖÄÅ001");
	}

	@Test
	void invalidVinIsRejectedAndNothingWritten() {
		long kalles = customerId("Kalles Grustransporter AB");
		String before = snapshot();
		assertProblem(post("/vehicles", Map.of("vin", "YS2R4X2000539940I", "regNr", "NEW001", "customerId", kalles)),
				400, "invalid-vin", "Invalid VIN", "YS2R4X2000539940I");
		assertProblem(post("/vehicles", Map.of("vin", "SHORT", "regNr", "NEW001", "customerId", kalles)), 400,
				"invalid-vin", "Invalid VIN", "ISO 3779");
		assertProblem(this.client.get().uri("/vehicles/lowercase0000000x").exchange(), 400, "invalid-vin",
				"Invalid VIN", "lowercase");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void duplicateVinOrRegNrIsAConflictAndNothingWritten() {
		long johans = customerId("Johans Bulk AB");
		String before = snapshot();
		assertProblem(post("/vehicles", Map.of("vin", "YS2R4X20005399401", "regNr", "NEW001", "customerId", johans)),
				409, "duplicate-vin", "Duplicate VIN", "YS2R4X20005399401");
		assertProblem(post("/vehicles", Map.of("vin", "WDB9634031L654321", "regNr", "ABC123", "customerId", johans)),
				409, "duplicate-reg-nr", "Duplicate registration number", "ABC123");
		assertProblem(this.client.put()
			.uri("/vehicles/YS2R4X20005388011")
			.bodyValue(Map.of("regNr", "ABC123", "customerId", johans))
			.exchange(), 409, "duplicate-reg-nr", "Duplicate registration number", "ABC123");
		assertProblem(post("/customers", Map.of("name", "Johans Bulk AB", "address", "Annan väg 1")), 409,
				"duplicate-customer-name", "Duplicate customer name", "Johans Bulk AB");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void raceOfTwoCreatesOfOneVinEndsInOneCreatedAndOneConflict() {
		long johans = customerId("Johans Bulk AB");
		Mono<Integer> first = create("WDB9634031L777777", "RACE01", johans);
		Mono<Integer> second = create("WDB9634031L777777", "RACE02", johans);
		StepVerifier.create(Mono.zip(first, second).map((t) -> List.of(t.getT1(), t.getT2())))
			.assertNext((statuses) -> assertThat(statuses).containsExactlyInAnyOrder(201, 409))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
		assertThat(getList("/vehicles?q=RACE0")).hasSize(1);
	}

	@Test
	void unknownCustomerIsUnprocessableAndNothingWritten() {
		String before = snapshot();
		assertProblem(post("/vehicles", Map.of("vin", "WDB9634031L654321", "regNr", "NEW001", "customerId", 987654)),
				422, "unknown-customer", "Unknown customer", "987654");
		assertProblem(this.client.get().uri("/customers/987654").exchange(), 404, "customer-not-found",
				"Customer not found", "987654");
		assertProblem(this.client.get().uri("/vehicles/WDB9634031L654321").exchange(), 404, "vehicle-not-found",
				"Vehicle not found", "WDB9634031L654321");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void malformedAndInvalidBodiesAreBadRequestsAndNothingWritten() {
		String before = snapshot();
		assertProblem(this.client.post()
			.uri("/vehicles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"vin\": \"YS2R4X20005399401\", ")
			.exchange(), 400, "malformed-body", "Malformed request body", "could not be read");
		ResponseSpec invalid = post("/customers", Map.of("name", " ", "pingIntervalSeconds", 0));
		Map<String, Object> problem = assertProblem(invalid, 400, "validation-failed", "Validation failed", "name");
		assertThat(problem.get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.extracting((e) -> (Object) ((Map<?, ?>) e).get("field"))
			.containsExactlyInAnyOrder("name", "address", "pingIntervalSeconds");
		assertProblem(this.client.get().uri("/vehicles?limit=0").exchange(), 400, "invalid-parameter",
				"Invalid parameter", "limit");
		assertProblem(this.client.get().uri("/vehicles?status=PARKED").exchange(), 400, "invalid-parameter",
				"Invalid parameter", "status");
		assertProblem(this.client.get().uri("/vehicles?after=bm90LWEtY3Vyc29y").exchange(), 400, "invalid-parameter",
				"Invalid parameter", "after");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void unknownRouteIsANotFoundProblem() {
		assertProblem(this.client.get().uri("/no/such/route").exchange(), 404, "not-found", "Not found", "");
		assertProblem(this.client.patch().uri("/vehicles").exchange(), 405, "method-not-allowed", "Method not allowed",
				"");
	}

	@Test
	void customerOwningVehiclesCannotBeDeleted() {
		long kalles = customerId("Kalles Grustransporter AB");
		String before = snapshot();
		assertProblem(this.client.delete().uri("/customers/" + kalles).exchange(), 409, "customer-has-vehicles",
				"Customer still owns vehicles", "still owns vehicles");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void csvImportRegistersValidRowsAndReportsEachBadRow() {
		long johans = customerId("Johans Bulk AB");
		String csv = """
				vin,regNr,customerId
				WDB9634031L100001,IMP001,%1$d
				WDB9634031L10000I,IMP002,%1$d
				YS2R4X20005399401,IMP003,%1$d
				WDB9634031L100004,ABC123,%1$d
				WDB9634031L100005,IMP005,999999
				WDB9634031L100001,IMP006,%1$d
				WDB9634031L100007,IMP007
				WDB9634031L100008,IMP008,%1$d
				""".formatted(johans);
		Map<String, Object> report = this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(report).containsEntry("imported", 2).containsEntry("rejected", 6);
		assertThat(report.get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.extracting((e) -> ((Map<?, ?>) e).get("row") + ":" + ((Map<?, ?>) e).get("field"))
			.containsExactly("3:vin", "4:vin", "5:regNr", "6:customerId", "7:vin", "8:row");
		assertThat(getList("/vehicles?q=IMP00")).extracting((v) -> v.get("vin"))
			.containsExactly("WDB9634031L100001", "WDB9634031L100008");
		assertThat(isRegistered("WDB9634031L100008")).isTrue();
	}

	@Test
	void jsonImportRegistersValidRows() {
		long johans = customerId("Johans Bulk AB");
		String json = "[{\"vin\":\"WDB9634031L200001\",\"regNr\":\"JSN001\",\"customerId\":" + johans + "},"
				+ "{\"vin\":\"WDB9634031L200002\",\"regNr\":\"\",\"customerId\":" + johans + "}]";
		this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(1)
			.jsonPath("$.errors[0].row")
			.isEqualTo(2)
			.jsonPath("$.errors[0].field")
			.isEqualTo("regNr");
		assertThat(getList("/vehicles?q=JSN001")).hasSize(1);
	}

	@Test
	void importAboveTheSizeLimitIsRefusedAndNothingWritten() {
		long johans = customerId("Johans Bulk AB");
		String before = snapshot();
		// 3,000 valid rows (~90 KB) streamed without Content-Length: the first batches
		// are
		// inserted before the limit (64 KB) is hit, and must be rolled back.
		Flux<String> body = Flux.concat(Flux.just("vin,regNr,customerId\n"),
				Flux.range(1, 3000).map((i) -> String.format("WDB96340%09d,BIG%05d,%d%n", i, i, johans)));
		assertProblem(this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(body, String.class)
			.exchange(), 413, "payload-too-large", "Payload too large", "65536");
		assertProblem(this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue("x".repeat(70_000))
			.exchange(), 413, "payload-too-large", "Payload too large", "65536");
		assertProblem(this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.APPLICATION_XML)
			.bodyValue("<vehicles/>")
			.exchange(), 415, "unsupported-media-type", "Unsupported media type", "");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void secondStartOnTheSameDatabaseDoesNotSeedAgain() {
		List<String> args = new ArrayList<>(databaseArguments());
		args.add("--server.port=0");
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(VehiclesMonitorApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new))) {
			second.getBean(ReferenceFleetSeeder.class)
				.completion()
				.as(StepVerifier::create)
				.expectNext(false)
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
		assertThat(getList("/vehicles")).hasSize(7);
		assertThat(getList("/customers")).hasSize(3);
	}

	@Test
	void openApiDocumentsEveryFleetPath() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.value((doc) -> assertThat((Map<String, Object>) doc.get("paths")).containsKeys("/vehicles",
					"/vehicles/{vin}", "/vehicles/import", "/customers", "/customers/{id}"));
	}

	// A plain WebClient: WebTestClient's exchange() waits for the response, so two of
	// them could never overlap.
	private Mono<Integer> create(String vin, String regNr, long customerId) {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeaders(TestUsers.admin())
			.build()
			.post()
			.uri("/vehicles")
			.bodyValue(Map.of("vin", vin, "regNr", regNr, "customerId", customerId))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

	// Through the status engine's interface only, so the test holds for any store: the
	// engine rejects pings of vehicles the fleet did not register.
	private boolean isRegistered(String vin) {
		return await(this.statusEngine.apply(List.of(new Ping(vin, java.time.Instant.now())))
			.map((results) -> results.get(0) != PingResult.UNKNOWN_VEHICLE));
	}

	private ResponseSpec post(String uri, Object body) {
		return this.client.post().uri(uri).bodyValue(body).exchange();
	}

	private List<Map<String, Object>> getList(String uri) {
		return this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_ARRAY)
			.returnResult()
			.getResponseBody();
	}

	private long customerId(String name) {
		return getList("/customers").stream()
			.filter((c) -> name.equals(c.get("name")))
			.map((c) -> ((Number) c.get("id")).longValue())
			.findFirst()
			.orElseThrow();
	}

	static Map<String, Object> assertProblem(ResponseSpec response, int status, String type, String title,
			String detailPart) {
		Map<String, Object> problem = response.expectStatus()
			.value((actual) -> assertThat(actual).isEqualTo(status))
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("type", "/problems/" + type)
			.containsEntry("title", title)
			.containsEntry("status", status);
		assertThat((String) problem.get("detail")).isNotBlank().contains(detailPart);
		return problem;
	}

	/** Every stored row, to prove a failed request changed nothing. */
	String snapshot() {
		return await(this.db
			.sql("SELECT id, name, address, ping_interval_seconds, ping_grace_seconds FROM customers" + " ORDER BY id")
			.fetch()
			.all()
			.map(Object::toString)
			.concatWith(this.db
				.sql("SELECT vin, reg_nr, customer_id, ping_interval_seconds, ping_grace_seconds"
						+ " FROM vehicles ORDER BY vin")
				.fetch()
				.all()
				.map(Object::toString))
			.collectList()
			.map(Object::toString));
	}

	static <T> T await(Mono<T> mono) {
		AtomicReference<T> result = new AtomicReference<>();
		mono.as(StepVerifier::create).consumeNextWith(result::set).expectComplete().verify(Duration.ofSeconds(30));
		return result.get();
	}

}
