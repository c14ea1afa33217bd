package io.vehiclesmonitor.backend.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.support.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CUSTOMER user's stream: its snapshot, its changes and its counts cover its own
 * customer only, while another customer's vehicles change and whatever it asks for.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "monitor.stream.heartbeat=300ms", "monitor.stream.batch-window=50ms",
				StreamTestConfiguration.R2DBC_URL, StreamTestConfiguration.FLYWAY_URL })
@Import(StreamTestConfiguration.class)
class CustomerStreamScopeTests {

	static final String KALLES = "Kalles Grustransporter AB";

	static final List<String> KALLES_FLEET = List.of(VehicleStreamTests.ABC123, VehicleStreamTests.DEF456,
			VehicleStreamTests.GHI789);

	static final String USER = "kalle-stream";

	static final String OPERATOR = "operator-stream";

	static final String PASSWORD = "kalle-stream-password";

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	TestChangeBus bus;

	@Autowired
	DatabaseClient db;

	@Autowired
	ChangeFeed feed;

	@BeforeEach
	void kallesUser() {
		StreamTestConfiguration.awaitReferenceFleet(this.feed);
		long kalles = this.db.sql("SELECT id FROM customers WHERE name = :name")
			.bind("name", KALLES)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block(TIMEOUT);
		WebTestClient admin = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders(TestUsers.admin())
			.build();
		admin.delete().uri("/users/{name}", USER).exchange();
		admin.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", USER, "password", PASSWORD, "role", "CUSTOMER", "customerId", kalles))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void snapshotChangesAndCountsCoverOnlyTheOwnCustomer() {
		List<String> rows = new ArrayList<>();
		List<String> counts = new ArrayList<>();
		new StreamClient(this.port, USER, PASSWORD).tokens("/vehicles/stream", null)
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"), (t) -> rows.add(t.split(":")[1]))
			.assertNext((t) -> assertThat(t).startsWith("snapshot:"))
			.assertNext(counts::add)
			.then(() -> {
				// Johans' vehicle changes first: the user must never see it.
				this.bus.emit(VehicleStreamTests.JKL012, Status.CONNECTED);
				this.bus.emit(VehicleStreamTests.GHI789, Status.CONNECTED);
			})
			.assertNext((t) -> assertThat(t).matches("change:\\d+:" + VehicleStreamTests.GHI789 + ":CONNECTED"))
			.assertNext(counts::add)
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(rows).containsExactlyInAnyOrderElementsOf(KALLES_FLEET);
		// Counts of Kalles' three vehicles only (counts:CONNECTED:DISCONNECTED).
		assertThat(counts).allSatisfy((t) -> {
			String[] parts = t.split(":");
			assertThat(Long.parseLong(parts[1]) + Long.parseLong(parts[2])).isEqualTo(KALLES_FLEET.size());
		});
	}

	@Test
	void askingForAnotherCustomerShowsNothing() {
		long johans = this.db.sql("SELECT customer_id FROM vehicles WHERE vin = :vin")
			.bind("vin", VehicleStreamTests.JKL012)
			.map((row) -> row.get("customer_id", Long.class))
			.one()
			.block(TIMEOUT);
		new StreamClient(this.port, USER, PASSWORD).tokens("/vehicles/stream?customer=" + johans, null)
			.as(StepVerifier::create)
			.assertNext((t) -> assertThat(t).startsWith("snapshot:"))
			.expectNext("counts:0:0")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void anOperatorsStreamCoversEveryCustomer() {
		WebTestClient admin = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders(TestUsers.admin())
			.build();
		admin.delete().uri("/users/{name}", OPERATOR).exchange();
		admin.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", OPERATOR, "password", PASSWORD, "role", "OPERATOR"))
			.exchange()
			.expectStatus()
			.isCreated();
		List<String> rows = new ArrayList<>();
		new StreamClient(this.port, OPERATOR, PASSWORD).tokens("/vehicles/stream", null)
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"), (t) -> rows.add(t.split(":")[1]))
			.assertNext((t) -> assertThat(t).startsWith("snapshot:"))
			.assertNext((t) -> assertThat(t).startsWith("counts:"))
			.then(() -> this.bus.emit(VehicleStreamTests.JKL012, Status.CONNECTED))
			.assertNext((t) -> assertThat(t).matches("change:\\d+:" + VehicleStreamTests.JKL012 + ":CONNECTED"))
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(rows).containsAll(KALLES_FLEET).contains(VehicleStreamTests.JKL012, VehicleStreamTests.PQR678);
	}

	@Test
	void anonymousStreamIsRefused() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/vehicles/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.doesNotExist("WWW-Authenticate");
	}

}
