package io.vehiclesmonitor.backend.fleet;

import java.util.List;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.vehiclesmonitor.backend.fleet.VehicleRepository.NewVehicle;

/**
 * Inserts the reference fleet when the application starts on an empty database
 * ({@code monitor.fleet.seed-reference}, default true). Idempotent: a database holding
 * any customer is left alone, and when two replicas race on an empty database the unique
 * customer names let only one of them win.
 */
@Component
class ReferenceFleetSeeder {

	private static final Log log = LogFactory.getLog(ReferenceFleetSeeder.class);

	private final CustomerRepository customers;

	private final VehicleRepository vehicles;

	private final FleetRegistration registration;

	private final TransactionalOperator tx;

	private final boolean enabled;

	private volatile Mono<Boolean> completion = Mono.just(false);

	private volatile Disposable subscription;

	ReferenceFleetSeeder(CustomerRepository customers, VehicleRepository vehicles, FleetRegistration registration,
			TransactionalOperator tx, FleetProperties properties) {
		this.customers = customers;
		this.vehicles = vehicles;
		this.registration = registration;
		this.tx = tx;
		this.enabled = properties.seedReference();
	}

	@EventListener(ApplicationReadyEvent.class)
	void seedOnStart() {
		if (!this.enabled) {
			return;
		}
		Mono<Boolean> seeding = seed().cache();
		this.completion = seeding;
		this.subscription = seeding.subscribe(
				(seeded) -> log.info(seeded ? "Seeded the reference fleet"
						: "Database already holds a fleet: reference fleet not seeded"),
				(ex) -> log.error("Seeding the reference fleet failed", ex));
	}

	/** Completes with whether this start seeded the fleet; for tests and readiness. */
	Mono<Boolean> completion() {
		return this.completion;
	}

	/** Seeds when no customer exists yet; answers whether it did. */
	Mono<Boolean> seed() {
		return this.customers.count()
			.filter((count) -> count == 0)
			.flatMap((empty) -> insertReferenceFleet().as(this.tx::transactional).thenReturn(true))
			.flatMap((seeded) -> this.registration.registerAll(this.vehicles.findByVins(ReferenceFleet.vins()))
				.thenReturn(true))
			.onErrorResume(DataIntegrityViolationException.class, (ex) -> {
				log.info("Another instance seeded the reference fleet first");
				return Mono.just(false);
			})
			.defaultIfEmpty(false);
	}

	private Mono<Void> insertReferenceFleet() {
		return Flux.fromIterable(ReferenceFleet.CUSTOMERS)
			.concatMap((owner) -> this.customers.insert(new CustomerRow(0, owner.name(), owner.address(), null, null))
				.flatMap((customer) -> this.vehicles.insertAll(owner.vehicles()
					.stream()
					.map((vehicle) -> new NewVehicle(vehicle.vin(), vehicle.regNr(), customer.id(), null, null))
					.toList())))
			.then();
	}

	@PreDestroy
	void stop() {
		Disposable running = this.subscription;
		if (running != null) {
			running.dispose();
		}
	}

	/** The reference fleet of the brief. */
	static final class ReferenceFleet {

		static final List<Owner> CUSTOMERS = List.of(
				new Owner("Kalles Grustransporter AB", "Cementvägen 8, 111 11 Södertälje",
						List.of(new Vehicle("YS2R4X20005399401", "ABC123"), new Vehicle("VLUR4X20009093588", "DEF456"),
								new Vehicle("VLUR4X20009048066", "GHI789"))),
				new Owner("Johans Bulk AB", "Balkvägen 12, 222 22 Stockholm",
						List.of(new Vehicle("YS2R4X20005388011", "JKL012"),
								new Vehicle("YS2R4X20005387949", "MNO345"))),
				new Owner("Haralds Värdetransporter AB", "Budgetvägen 1, 333 33 Uppsala", List
					.of(new Vehicle("YS2R4X20005387765", "PQR678"), new Vehicle("YS2R4X20005387055", "STU901"))));

		private ReferenceFleet() {
		}

		static List<String> vins() {
			return CUSTOMERS.stream().flatMap((owner) -> owner.vehicles().stream()).map(Vehicle::vin).toList();
		}

		record Owner(String name, String address, List<Vehicle> vehicles) {
		}

		record Vehicle(String vin, String regNr) {
		}

	}

}
