package io.vehiclesmonitor.backend.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.backend.status.Status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSE protocol over real HTTP against the running app; the status engine is replaced
 * by {@link TestChangeBus}. Each test uses its own vehicles of the reference fleet so
 * that tests sharing the context do not disturb each other.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "monitor.stream.heartbeat=300ms", "monitor.stream.batch-window=50ms",
				StreamTestConfiguration.R2DBC_URL, StreamTestConfiguration.FLYWAY_URL })
@Import(StreamTestConfiguration.class)
class VehicleStreamTests {

	static final String ABC123 = "YS2R4X20005399401";

	static final String DEF456 = "VLUR4X20009093588";

	static final String GHI789 = "VLUR4X20009048066";

	static final String JKL012 = "YS2R4X20005388011";

	static final String MNO345 = "YS2R4X20005387949";

	static final String PQR678 = "YS2R4X20005387765";

	static final List<String> REFERENCE_FLEET = List.of(ABC123, DEF456, GHI789, JKL012, MNO345, PQR678,
			"YS2R4X20005387055");

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	TestChangeBus bus;

	@Autowired
	DatabaseClient db;

	@Autowired
	ChangeFeed feed;

	StreamClient client;

	@BeforeEach
	void connect() {
		StreamTestConfiguration.awaitReferenceFleet(this.feed);
		this.client = new StreamClient(this.port);
	}

	@Test
	void newClientGetsSnapshotThenEveryLaterChangeOnceInOrder() {
		long snapshotId = this.bus.lastId().block();
		List<String> rows = new ArrayList<>();
		this.client.changes("/vehicles/stream", null)
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"), (t) -> rows.add(t.split(":")[1]))
			.expectNext("snapshot:" + snapshotId)
			.then(() -> {
				this.bus.emit(ABC123, Status.CONNECTED);
				this.bus.emit(DEF456, Status.CONNECTED);
				this.bus.emit(ABC123, Status.DISCONNECTED);
			})
			.expectNext("change:" + (snapshotId + 1) + ":" + ABC123 + ":CONNECTED",
					"change:" + (snapshotId + 2) + ":" + DEF456 + ":CONNECTED",
					"change:" + (snapshotId + 3) + ":" + ABC123 + ":DISCONNECTED")
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(rows).containsAll(REFERENCE_FLEET).doesNotHaveDuplicates();
	}

	@Test
	void resumeWithLastEventIdReplaysOnlyTheMissedChanges() {
		long seen = this.bus.lastId().block();
		this.bus.emit(GHI789, Status.CONNECTED);
		this.bus.emit(GHI789, Status.DISCONNECTED);
		this.client.changes("/vehicles/stream", Long.toString(seen))
			.as(StepVerifier::create)
			.expectNext("change:" + (seen + 1) + ":" + GHI789 + ":CONNECTED",
					"change:" + (seen + 2) + ":" + GHI789 + ":DISCONNECTED")
			.then(() -> this.bus.emit(GHI789, Status.CONNECTED))
			.expectNext("change:" + (seen + 3) + ":" + GHI789 + ":CONNECTED")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void resumeWithLastEventIdParameterWhenNothingWasMissedSendsNoSnapshot() {
		long seen = this.bus.lastId().block();
		this.client.changes("/vehicles/stream?lastEventId=" + seen, null)
			.as(StepVerifier::create)
			.then(() -> this.bus.emit(GHI789, Status.DISCONNECTED))
			.expectNext("change:" + (seen + 1) + ":" + GHI789 + ":DISCONNECTED")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void resumeBeyondRetainedChangesGetsAFreshSnapshot() {
		long seen = this.bus.lastId().block();
		this.bus.emit(GHI789, Status.CONNECTED);
		this.bus.forgetRetained();
		this.client.changes("/vehicles/stream", Long.toString(seen))
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"))
			.expectNext("snapshot:" + (seen + 1))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void unknownLastEventIdGetsAFreshSnapshot() {
		long newest = this.bus.lastId().block();
		this.client.changes("/vehicles/stream", "999999999")
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"))
			.expectNext("snapshot:" + newest)
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void customerFilterSendsOnlyThatCustomersVehiclesAndChanges() {
		long johans = customerId("Johans Bulk AB");
		List<String> rows = new ArrayList<>();
		this.client.changes("/vehicles/stream?customer=" + johans, null)
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"), (t) -> rows.add(t.split(":")[1]))
			.expectNextMatches((t) -> t.startsWith("snapshot:"))
			.then(() -> {
				this.bus.emit(ABC123, Status.CONNECTED);
				this.bus.emit(JKL012, Status.CONNECTED);
			})
			.expectNextMatches((t) -> t.endsWith(":" + JKL012 + ":CONNECTED"))
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(rows).containsExactlyInAnyOrder(JKL012, MNO345);
	}

	@Test
	void statusFilterNarrowsTheSnapshot() {
		this.bus.emit(DEF456, Status.CONNECTED);
		List<String> connected = snapshotRows("/vehicles/stream?status=CONNECTED");
		List<String> disconnected = snapshotRows("/vehicles/stream?status=DISCONNECTED");
		assertThat(connected).contains("row:" + DEF456 + ":CONNECTED").allMatch((t) -> t.endsWith(":CONNECTED"));
		assertThat(disconnected).isNotEmpty()
			.doesNotContain("row:" + DEF456 + ":DISCONNECTED")
			.allMatch((t) -> t.endsWith(":DISCONNECTED"));
	}

	@Test
	void countsPerCustomerFollowTheChanges() {
		long haralds = customerId("Haralds Värdetransporter AB");
		List<String> first = new ArrayList<>();
		this.client.tokens("/vehicles/stream?customer=" + haralds, null)
			.filter((t) -> t.startsWith("counts:"))
			.as(StepVerifier::create)
			.consumeNextWith(first::add)
			.then(() -> this.bus.emit(PQR678, Status.CONNECTED))
			.assertNext((t) -> assertThat(t).isEqualTo(shifted(first.get(0), 1)))
			.then(() -> this.bus.emit(PQR678, Status.DISCONNECTED))
			.assertNext((t) -> assertThat(t).isEqualTo(first.get(0)))
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(first.get(0)).satisfiesAnyOf((t) -> assertThat(t).isEqualTo("counts:0:2"),
				(t) -> assertThat(t).isEqualTo("counts:1:1"), (t) -> assertThat(t).isEqualTo("counts:2:0"));
	}

	@Test
	void idleStreamSendsHeartbeatComments() {
		this.client.raw("/vehicles/stream", null)
			.filter((event) -> event.comment() != null)
			.as(StepVerifier::create)
			.expectNextMatches((event) -> "heartbeat".equals(event.comment()))
			.expectNextMatches((event) -> "heartbeat".equals(event.comment()))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void aBurstOfChangesArrivesInFewBatches() {
		long seen = this.bus.lastId().block();
		int burst = 100;
		List<Integer> batchSizes = new ArrayList<>();
		this.client.raw("/vehicles/stream?lastEventId=" + seen, null)
			.filter((event) -> "changes".equals(event.event()))
			.map((event) -> StreamClient.tokens(event).size())
			.as(StepVerifier::create)
			.then(() -> {
				for (int i = 0; i < burst; i++) {
					this.bus.emit(DEF456, (i % 2 == 0) ? Status.DISCONNECTED : Status.CONNECTED);
				}
			})
			.thenConsumeWhile((size) -> batchSizes.stream().mapToInt(Integer::intValue).sum() + size < burst,
					batchSizes::add)
			.consumeNextWith(batchSizes::add)
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(burst);
		assertThat(batchSizes).hasSizeLessThanOrEqualTo(10);
	}

	@Test
	void aClosedConnectionFreesItsShareOfTheFeed() {
		this.client.changes("/vehicles/stream", null)
			.as(StepVerifier::create)
			.thenConsumeWhile((t) -> t.startsWith("row:"))
			.expectNextMatches((t) -> t.startsWith("snapshot:"))
			.then(() -> assertThat(this.feed.clients()).isPositive())
			.thenCancel()
			.verify(TIMEOUT);
		Flux.interval(Duration.ofMillis(50))
			.map((tick) -> this.feed.clients())
			.filter((clients) -> clients == 0)
			.next()
			.as(StepVerifier::create)
			.expectNext(0)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void unknownStatusFilterIsABadRequest() {
		org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders(io.vehiclesmonitor.backend.support.TestUsers.admin())
			.build()
			.get()
			.uri("/vehicles/stream?status=PARKED")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private List<String> snapshotRows(String uri) {
		return this.client.tokens(uri, null)
			.takeWhile((t) -> !t.startsWith("snapshot:"))
			.filter((t) -> t.startsWith("row:"))
			.collectList()
			.block(TIMEOUT);
	}

	private long customerId(String name) {
		return this.db.sql("SELECT id FROM customers WHERE name = :name")
			.bind("name", name)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block(TIMEOUT);
	}

	/** "counts:C:D" after {@code n} vehicles went from disconnected to connected. */
	private static String shifted(String counts, int n) {
		String[] parts = counts.split(":");
		return "counts:" + (Long.parseLong(parts[1]) + n) + ":" + (Long.parseLong(parts[2]) - n);
	}

}
