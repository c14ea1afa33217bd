package io.vehiclesmonitor.backend.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.status.memory.InMemoryChangeBus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the replica shuts down, every stream ends with a {@code resync}, also one opened
 * during the shutdown: an open stream would otherwise keep sending heartbeats and hold up
 * the server's graceful shutdown until its timeout.
 */
class VehicleStreamShutdownTests {

	static final VehicleCatalog.CatalogVehicle ABC123 = new VehicleCatalog.CatalogVehicle("YS2R4X20005399401", "ABC123",
			new VehicleCatalog.Customer(1, "Kalles Grustransporter AB", "Cementvägen 8, 111 11 Södertälje"));

	final StreamProperties properties = new StreamProperties(Duration.ofMillis(50), Duration.ofMillis(20), 1000, 16,
			1000);

	final InMemoryChangeBus bus = new InMemoryChangeBus(StatusProperties.defaults(), Clock.systemUTC());

	final LiveStatus liveStatus = (vins) -> Mono.just(Map.of(ABC123.vin(), VehicleState.neverSeen(ABC123.vin())));

	final ChangeFeed feed = new ChangeFeed(this.bus, this.liveStatus, new OneVehicle(), this.properties,
			new JsonMapper());

	final VehicleStream stream = new VehicleStream(this.feed, this.bus, this.liveStatus, new OneVehicle(),
			this.properties, new SimpleMeterRegistry());

	@AfterEach
	void stopFeed() {
		this.feed.stop();
	}

	@Test
	void anOpenStreamEndsWithResyncWhenTheReplicaStops() {
		this.feed.start();
		this.stream.events(StreamFilter.ALL, null)
			.as(StepVerifier::create)
			.expectNextMatches((event) -> ClientSession.SNAPSHOT.equals(event.event()))
			.thenConsumeWhile((event) -> !ClientSession.RESYNC.equals(event.event()), (event) -> {
				if (ClientSession.COUNTS.equals(event.event())) {
					this.feed.stop();
				}
			})
			.assertNext((event) -> assertThat(event.data()).isEqualTo(new Payloads.Resync("upstream")))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aStreamOpenedWhileTheReplicaStopsGetsResyncAtOnceAndNoSnapshot() {
		this.feed.start();
		this.feed.stop();
		this.stream.events(StreamFilter.ALL, null).as(StepVerifier::create).assertNext((event) -> {
			assertThat(event.event()).isEqualTo(ClientSession.RESYNC);
			assertThat(event.data()).isEqualTo(new Payloads.Resync("upstream"));
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

	/** The registry of one vehicle. */
	static final class OneVehicle implements VehicleCatalog {

		@Override
		public Flux<CatalogVehicle> vehicles(Long customerId) {
			return Flux.just(ABC123);
		}

		@Override
		public Mono<Map<String, CatalogVehicle>> byVin(Collection<String> vins) {
			return Mono.just(Map.of(ABC123.vin(), ABC123));
		}

	}

}
