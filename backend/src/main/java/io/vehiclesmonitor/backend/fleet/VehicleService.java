package io.vehiclesmonitor.backend.fleet;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;

/**
 * Reads vehicles with their live status and manages them. Writes run in one transaction
 * each and reach the status engine only once committed.
 */
@Service
class VehicleService {

	/** Rows enriched per round trip to the status engine. */
	static final int ENRICH_BATCH = 500;

	private final VehicleRepository vehicles;

	private final LiveStatus liveStatus;

	private final FleetPolicies policies;

	private final FleetRegistration registration;

	private final TransactionalOperator tx;

	VehicleService(VehicleRepository vehicles, LiveStatus liveStatus, FleetPolicies policies,
			FleetRegistration registration, TransactionalOperator tx) {
		this.vehicles = vehicles;
		this.liveStatus = liveStatus;
		this.policies = policies;
		this.registration = registration;
		this.tx = tx;
	}

	/** Streams every matching vehicle; {@code status} filters after enrichment. */
	Flux<VehicleView> stream(VehicleQuery query, Status status) {
		return enrich(this.vehicles.find(query), ENRICH_BATCH).filter((view) -> matches(view, status));
	}

	/**
	 * One page of at most {@code limit} vehicles. With a status filter the rows are read
	 * on until the page is full or the fleet ends, so pages are full wherever possible.
	 */
	Mono<VehiclePage> page(VehicleQuery query, Status status, int limit) {
		// One extra row tells whether there is a next page.
		VehicleQuery read = (status != null) ? query : query.withLimit(limit + 1);
		return enrich(this.vehicles.find(read), Math.min(ENRICH_BATCH, limit + 1))
			.filter((view) -> matches(view, status))
			.take(limit + 1)
			.collectList()
			.map((views) -> (views.size() > limit)
					? new VehiclePage(views.subList(0, limit), PageCursor.encode(views.get(limit - 1).vin()))
					: new VehiclePage(views, null));
	}

	Mono<VehicleView> get(String vin) {
		return Mono.fromCallable(() -> Vin.require(vin))
			.flatMap(this.vehicles::findByVin)
			.switchIfEmpty(Mono.error(() -> FleetProblems.vehicleNotFound(vin)))
			.flatMap(this::view);
	}

	Mono<VehicleView> create(VehicleRequest request) {
		VehicleRepository.NewVehicle vehicle = request.toNewVehicle();
		return Mono.fromCallable(() -> Vin.require(vehicle.vin()))
			.flatMap((vin) -> this.vehicles.insert(vehicle))
			.then(this.vehicles.findByVin(vehicle.vin()))
			.as(this.tx::transactional)
			.onErrorMap((ex) -> ConstraintViolations.ofVehicleWrite(ex, vehicle.vin(), vehicle.regNr(),
					vehicle.customerId()))
			.flatMap((row) -> this.registration.register(row).then(view(row)));
	}

	Mono<VehicleView> update(String vin, VehicleUpdate update) {
		VehicleRepository.NewVehicle vehicle = update.toVehicle(vin);
		return Mono.fromCallable(() -> Vin.require(vin))
			.flatMap((valid) -> this.vehicles.update(vehicle))
			.flatMap((updated) -> (updated == 0) ? Mono.error(FleetProblems.vehicleNotFound(vin))
					: this.vehicles.findByVin(vin))
			.as(this.tx::transactional)
			.onErrorMap((ex) -> ConstraintViolations.ofVehicleWrite(ex, vin, vehicle.regNr(), vehicle.customerId()))
			.flatMap((row) -> this.registration.register(row).then(view(row)));
	}

	Mono<Void> delete(String vin) {
		return Mono.fromCallable(() -> Vin.require(vin))
			.flatMap(this.vehicles::delete)
			.as(this.tx::transactional)
			.flatMap((deleted) -> (deleted == 0) ? Mono.error(FleetProblems.vehicleNotFound(vin))
					: this.registration.unregister(vin));
	}

	private Mono<VehicleView> view(VehicleRow row) {
		return enrich(Flux.just(row), 1).single();
	}

	// Bounded: one batch is enriched at a time (prefetch 1), never the whole fleet.
	private Flux<VehicleView> enrich(Flux<VehicleRow> rows, int batchSize) {
		return rows.buffer(batchSize).concatMap(this::enrichBatch, 1);
	}

	private Flux<VehicleView> enrichBatch(List<VehicleRow> batch) {
		return this.liveStatus.states(batch.stream().map(VehicleRow::vin).toList())
			.flatMapIterable((states) -> batch.stream().map((row) -> toView(row, states)).toList());
	}

	private VehicleView toView(VehicleRow row, Map<String, VehicleState> states) {
		VehicleState state = states.getOrDefault(row.vin(), VehicleState.neverSeen(row.vin()));
		CustomerRow owner = row.customer();
		return new VehicleView(row.vin(), row.regNr(), new VehicleView.Owner(owner.id(), owner.name(), owner.address()),
				state.status(), state.lastSeen(), state.since(), HeartbeatView.of(this.policies.of(row)));
	}

	private static boolean matches(VehicleView view, Status status) {
		return status == null || view.status() == status;
	}

}
