package io.vehiclesmonitor.backend.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.r2dbc.test.autoconfigure.DataR2dbcTest;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.vehiclesmonitor.backend.status.FleetSync;
import io.vehiclesmonitor.backend.status.HeartbeatProperties;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.web.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vehicle service on a real (H2) database with a status engine double in which every
 * vehicle with an even number is Connected.
 */
@DataR2dbcTest
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
@Import({ VehicleRepository.class, CustomerRepository.class, VehicleService.class, CustomerService.class,
		FleetPolicies.class, FleetRegistration.class, RegisteredFleet.class,
		VehicleServiceTests.StatusEngineDouble.class })
@EnableConfigurationProperties(HeartbeatProperties.class)
class VehicleServiceTests {

	@Autowired
	VehicleService service;

	@Autowired
	CustomerService customerService;

	@Autowired
	RegisteredFleet registeredFleet;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DatabaseClient db;

	@Autowired
	StatusEngineDouble engine;

	long owner;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		VehicleRepositoryTests.H2TestDatabase.register(registry);
	}

	@BeforeEach
	void fleetOf1200Vehicles() {
		this.db.sql("DELETE FROM vehicles")
			.then()
			.then(this.db.sql("DELETE FROM customers").then())
			.as(StepVerifier::create)
			.verifyComplete();
		this.owner = FleetApiIntegrationTests
			.await(this.customers.insert(new CustomerRow(0, "Åkeri AB", "Gränd 1", 30, 5)))
			.id();
		Flux.range(1, 1200)
			.map((i) -> new VehicleRepository.NewVehicle(vin(i), "R" + i, this.owner, null, null))
			.buffer(400)
			.concatMap((batch) -> new VehicleRepository(this.db).insertAll(batch))
			.as(StepVerifier::create)
			.expectNextCount(3)
			.verifyComplete();
		this.engine.upserts.clear();
		this.engine.enrichedBatches.clear();
	}

	@Test
	void streamsEveryVehicleEnrichedInBoundedBatches() {
		this.service.stream(VehicleQuery.all(), null).as(StepVerifier::create).expectNextCount(1200).verifyComplete();
		assertThat(this.engine.enrichedBatches).containsExactly(500, 500, 200);
	}

	@Test
	void statusFilterKeepsPagesFullAcrossEnrichmentBatches() {
		List<String> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			VehiclePage page = FleetApiIntegrationTests
				.await(this.service.page(new VehicleQuery(null, null, after, null), Status.CONNECTED, 250));
			page.vehicles().forEach((v) -> seen.add(v.vin()));
			assertThat(page.vehicles()).allMatch((v) -> v.status() == Status.CONNECTED);
			if (page.nextCursor() != null) {
				assertThat(page.vehicles()).hasSize(250);
			}
			after = (page.nextCursor() != null) ? PageCursor.decode(page.nextCursor()) : null;
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(600).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void createRegistersTheEffectiveTimeoutAndShowsItsSource() {
		this.service.create(new VehicleRequest("YS2R4X20005399401", "NEW1", this.owner, null, 20))
			.as(StepVerifier::create)
			.assertNext((view) -> assertThat(view.heartbeat()).isEqualTo(
					new HeartbeatView(30, 20, 50, io.vehiclesmonitor.backend.status.HeartbeatPolicy.Source.VEHICLE)))
			.verifyComplete();
		assertThat(this.engine.upserts)
			.containsExactly(new FleetSync.RegisteredVehicle("YS2R4X20005399401", Duration.ofSeconds(50)));
	}

	@Test
	void failedCreateWritesAndRegistersNothing() {
		this.service.create(new VehicleRequest(vin(1), "OTHER", this.owner, null, null))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((ApiProblem) ex).getStatusCode().value()).isEqualTo(409))
			.verify(Duration.ofSeconds(10));
		assertThat(this.engine.upserts).isEmpty();
		this.service.get(vin(1)).map(VehicleView::regNr).as(StepVerifier::create).expectNext("R1").verifyComplete();
	}

	@Test
	void fleetSourceStreamsEveryVehicleWithItsTimeout() {
		this.registeredFleet.registeredVehicles()
			.as(StepVerifier::create)
			.expectNext(new FleetSync.RegisteredVehicle(vin(1), Duration.ofSeconds(35)))
			.expectNextCount(1199)
			.verifyComplete();
	}

	@Test
	void customerCountsComeFromTheLiveStatus() {
		this.customerService.list()
			.as(StepVerifier::create)
			.assertNext((customer) -> assertThat(customer)
				.extracting(CustomerView::vehicleCount, CustomerView::connected, CustomerView::disconnected)
				.containsExactly(1200L, 600L, 600L))
			.verifyComplete();
	}

	@Test
	void changedCustomerOverridesReRegisterEveryVehicleWithItsNewTimeout() {
		this.customerService.update(this.owner, new CustomerRequest("Åkeri AB", "Gränd 1", 90, null))
			.as(StepVerifier::create)
			.assertNext((customer) -> assertThat(customer.heartbeat()).isEqualTo(
					new HeartbeatView(90, 10, 100, io.vehiclesmonitor.backend.status.HeartbeatPolicy.Source.CUSTOMER)))
			.verifyComplete();
		assertThat(this.engine.upserts).hasSize(1200)
			.allMatch((vehicle) -> vehicle.timeout().equals(Duration.ofSeconds(100)));
	}

	@Test
	void customerOwningVehiclesIsNotDeleted() {
		this.customerService.delete(this.owner)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((ApiProblem) ex).getBody().getType())
				.isEqualTo(ApiProblem.type("customer-has-vehicles")))
			.verify(Duration.ofSeconds(10));
		this.customerService.get(this.owner)
			.map(CustomerView::vehicleCount)
			.as(StepVerifier::create)
			.expectNext(1200L)
			.verifyComplete();
	}

	static String vin(int i) {
		return String.format("WDB9634031%07d", i);
	}

	/** Connected when the VIN's number is even; records what it was told. */
	static class StatusEngineDouble implements LiveStatus, FleetSync {

		final List<Integer> enrichedBatches = new CopyOnWriteArrayList<>();

		final List<RegisteredVehicle> upserts = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
			this.enrichedBatches.add(vins.size());
			return Mono.just(vins.stream().collect(Collectors.toMap(Function.identity(), (vin) -> {
				boolean even = Integer.parseInt(vin.substring(10)) % 2 == 0;
				return even ? new VehicleState(vin, Status.CONNECTED, null, null) : VehicleState.neverSeen(vin);
			})));
		}

		@Override
		public Mono<Void> upsert(Collection<RegisteredVehicle> vehicles) {
			return Mono.fromRunnable(() -> this.upserts.addAll(vehicles));
		}

		@Override
		public Mono<Void> remove(Collection<String> vins) {
			return Mono.empty();
		}

	}

}
