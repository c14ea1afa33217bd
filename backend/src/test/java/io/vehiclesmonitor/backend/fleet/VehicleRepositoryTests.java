package io.vehiclesmonitor.backend.fleet;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.r2dbc.test.autoconfigure.DataR2dbcTest;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.vehiclesmonitor.backend.fleet.VehicleRepository.NewVehicle;
import io.vehiclesmonitor.backend.web.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories and the schema's own constraints, on H2 in PostgreSQL mode migrated by
 * Flyway (the same migrations run on PostgreSQL in the integration tests).
 */
@DataR2dbcTest
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
@Import({ VehicleRepository.class, CustomerRepository.class })
class VehicleRepositoryTests {

	@Autowired
	VehicleRepository vehicles;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DatabaseClient db;

	long owner;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		H2TestDatabase.register(registry);
	}

	@BeforeEach
	void fleet() {
		this.db.sql("DELETE FROM vehicles")
			.then()
			.then(this.db.sql("DELETE FROM customers").then())
			.as(StepVerifier::create)
			.verifyComplete();
		this.owner = FleetApiIntegrationTests
			.await(this.customers.insert(new CustomerRow(0, "Åkeri 100% AB", "Gränd 1", null, null)))
			.id();
		long other = FleetApiIntegrationTests
			.await(this.customers.insert(new CustomerRow(0, "Other_AB", "Väg 2", 30, null)))
			.id();
		Flux.range(1, 9)
			.concatMap((i) -> this.vehicles
				.insert(new NewVehicle(vin(i), "R" + i, (i % 3 == 0) ? other : this.owner, null, null)))
			.as(StepVerifier::create)
			.expectNextCount(9)
			.verifyComplete();
	}

	@Test
	void streamsAFleetLargerThanOneChunkWholeInOrderAndOnce() {
		int extra = 2 * VehicleRepository.CHUNK + 17;
		Flux.range(0, extra)
			.map((i) -> new NewVehicle(String.format("WDB9634032%07d", i), "C" + i, this.owner, null, null))
			.buffer(500)
			.concatMap(this.vehicles::insertAll)
			.then()
			.as(StepVerifier::create)
			.verifyComplete();

		List<String> all = this.vehicles.find(VehicleQuery.all()).map(VehicleRow::vin).collectList().block();
		assertThat(all).hasSize(extra + 9).doesNotHaveDuplicates().isSorted();
		List<String> afterCursor = this.vehicles.find(new VehicleQuery(null, null, all.get(1500), null))
			.map(VehicleRow::vin)
			.collectList()
			.block();
		assertThat(afterCursor).containsExactlyElementsOf(all.subList(1501, all.size()));
		assertThat(this.vehicles.ownerships(this.owner).map(VehicleRepository.Ownership::vin).collectList().block())
			.hasSize(extra + 6)
			.doesNotHaveDuplicates()
			.isSorted();
	}

	@Test
	void readsInVinOrderAfterACursorWithALimit() {
		this.vehicles.find(new VehicleQuery(null, null, vin(3), 4))
			.map(VehicleRow::regNr)
			.as(StepVerifier::create)
			.expectNext("R4", "R5", "R6", "R7")
			.verifyComplete();
	}

	@Test
	void filtersByCustomerAndByTextWithWildcardsTakenLiterally() {
		this.vehicles.find(new VehicleQuery(null, "100%", null, null))
			.as(StepVerifier::create)
			.expectNextCount(6)
			.verifyComplete();
		this.vehicles.find(new VehicleQuery(null, "0_0", null, null)).as(StepVerifier::create).verifyComplete();
		this.vehicles.find(new VehicleQuery(null, "other_ab", null, null))
			.map(VehicleRow::regNr)
			.as(StepVerifier::create)
			.expectNext("R3", "R6", "R9")
			.verifyComplete();
	}

	@Test
	void rowCarriesOwnerAndBothLevelsOfOverrides() {
		this.vehicles.findByVin(vin(3)).as(StepVerifier::create).assertNext((row) -> {
			assertThat(row.customer().name()).isEqualTo("Other_AB");
			assertThat(row.customer().pingIntervalSeconds()).isEqualTo(30);
			assertThat(row.pingIntervalSeconds()).isNull();
		}).verifyComplete();
	}

	@Test
	void databaseRejectsWhatTheApiWouldReject() {
		assertProblem(insert("WDB963403100000I1", "X1", this.owner, null, null), "invalid-vin");
		assertProblem(insert("WDB96340310000", "X1", this.owner, null, null), "invalid-vin");
		assertProblem(insert(vin(1), "X1", this.owner, null, null), "duplicate-vin");
		assertProblem(insert(vin(99), "R1", this.owner, null, null), "duplicate-reg-nr");
		assertProblem(insert(vin(99), "X1", 424242, null, null), "unknown-customer");
		insert(vin(99), "X1", this.owner, 0, null).as(StepVerifier::create)
			.expectError(DataIntegrityViolationException.class)
			.verify(Duration.ofSeconds(10));
		insert(vin(99), "X1", this.owner, null, -1).as(StepVerifier::create)
			.expectError(DataIntegrityViolationException.class)
			.verify(Duration.ofSeconds(10));
		this.customers.delete(this.owner)
			.onErrorMap((ex) -> ConstraintViolations.ofCustomerDelete(ex, this.owner))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((ApiProblem) ex).getBody().getType())
				.isEqualTo(ApiProblem.type("customer-has-vehicles")))
			.verify(Duration.ofSeconds(10));
		this.vehicles.find(VehicleQuery.all()).as(StepVerifier::create).expectNextCount(9).verifyComplete();
	}

	@Test
	void customerNamesAreUnique() {
		this.customers.insert(new CustomerRow(0, "Åkeri 100% AB", "Elsewhere", null, null))
			.onErrorMap((ex) -> ConstraintViolations.ofCustomerWrite(ex, "Åkeri 100% AB"))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((ApiProblem) ex).getBody().getType())
				.isEqualTo(ApiProblem.type("duplicate-customer-name")))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void insertAllWritesAllRowsOrNone() {
		this.vehicles
			.insertAll(List.of(new NewVehicle(vin(51), "B1", this.owner, null, null),
					new NewVehicle(vin(1), "B2", this.owner, null, null)))
			.as(StepVerifier::create)
			.expectError(DataIntegrityViolationException.class)
			.verify(Duration.ofSeconds(10));
		this.vehicles.findByVin(vin(51)).as(StepVerifier::create).verifyComplete();
	}

	static String vin(int i) {
		return String.format("WDB96340310000%03d", i);
	}

	private reactor.core.publisher.Mono<Long> insert(String vin, String regNr, long customer, Integer interval,
			Integer grace) {
		return this.db
			.sql("INSERT INTO vehicles (vin, reg_nr, customer_id, ping_interval_seconds,"
					+ " ping_grace_seconds) VALUES (:vin, :regNr, :customer, :interval, :grace)")
			.bind("vin", vin)
			.bind("regNr", regNr)
			.bind("customer", customer)
			.bind("interval", (interval != null) ? interval : 60)
			.bind("grace", (grace != null) ? grace : 10)
			.fetch()
			.rowsUpdated();
	}

	private static void assertProblem(reactor.core.publisher.Mono<Long> insert, String type) {
		insert.onErrorMap((ex) -> ConstraintViolations.ofVehicleWrite(ex, "vin", "regNr", 424242))
			.as(StepVerifier::create)
			.expectErrorSatisfies(
					(ex) -> assertThat(((ApiProblem) ex).getBody().getType()).isEqualTo(ApiProblem.type(type)))
			.verify(Duration.ofSeconds(10));
	}

	/** A fresh in-memory H2 database per test class, not the shared {@code vm-test}. */
	static final class H2TestDatabase {

		static void register(DynamicPropertyRegistry registry) {
			String name = "vm-fleet-" + UUID.randomUUID();
			String options = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
			registry.add("spring.r2dbc.url", () -> "r2dbc:h2:mem:///" + name + options);
			registry.add("spring.flyway.url", () -> "jdbc:h2:mem:" + name + options);
		}

	}

}
