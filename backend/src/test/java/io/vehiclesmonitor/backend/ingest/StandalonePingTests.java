package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync;
import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.VehicleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.backend.support.TestUsers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole standalone backend: an HTTP ping reaches the in-process status store, and
 * ingestion is always caught up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StandalonePingTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private FleetSync fleet;

	@Autowired
	private LiveStatus live;

	@Autowired
	private IngestProgress progress;

	@Autowired
	private MeterRegistry meters;

	// Pings need a vehicle's or a gateway's token: the test gateway token of every test.
	@BeforeEach
	void asGateway() {
		this.client = this.client.mutate().defaultHeaders(TestUsers.gateway()).build();
	}

	@Test
	void anHttpPingOfARegisteredVehicleUpdatesItsLiveState() {
		String vin = TestBroker.randomVin();
		this.fleet.upsert(List.of(new FleetSync.RegisteredVehicle(vin, Duration.ofSeconds(70))))
			.as(StepVerifier::create)
			.verifyComplete();
		Instant before = Instant.now();

		this.client.post().uri("/vehicles/{vin}/ping", vin).exchange().expectStatus().isAccepted();

		this.live.states(List.of(vin)).as(StepVerifier::create).assertNext((states) -> {
			VehicleState state = states.get(vin);
			assertThat(state.lastSeen()).isBetween(before, Instant.now());
		}).verifyComplete();
	}

	@Test
	void anHttpPingOfAnUnregisteredVehicleIsNotFound() {
		this.client.post()
			.uri("/vehicles/{vin}/ping", TestBroker.randomVin())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("unknown-vehicle");
	}

	@Test
	void ingestionIsAlwaysCaughtUpAndSaysSoInItsMetrics() {
		Instant before = Instant.now();
		assertThat(this.progress.watermark()).isAfterOrEqualTo(before);
		assertThat(this.progress).isInstanceOf(InProcessIngestProgress.class);
		assertThat(this.meters.get("vm.ingest.watermark.age").gauge().value()).isLessThan(1.0);
	}

}
