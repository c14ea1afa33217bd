package io.vehiclesmonitor.backend.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Status;

/**
 * Reads customers with their vehicle counts and manages them. A change of a customer's
 * heartbeat overrides re-registers all its vehicles, whose timeout it changes.
 */
@Service
class CustomerService {

	private final CustomerRepository customers;

	private final VehicleRepository vehicles;

	private final LiveStatus liveStatus;

	private final FleetPolicies policies;

	private final FleetRegistration registration;

	private final TransactionalOperator tx;

	CustomerService(CustomerRepository customers, VehicleRepository vehicles, LiveStatus liveStatus,
			FleetPolicies policies, FleetRegistration registration, TransactionalOperator tx) {
		this.customers = customers;
		this.vehicles = vehicles;
		this.liveStatus = liveStatus;
		this.policies = policies;
		this.registration = registration;
		this.tx = tx;
	}

	/** Every customer with counts; the counts stream over the fleet in batches. */
	Flux<CustomerView> list() {
		return counts(null).flatMapMany((counts) -> this.customers.findAll().map((row) -> view(row, counts)));
	}

	Mono<CustomerView> get(long id) {
		return this.customers.findById(id)
			.switchIfEmpty(Mono.error(() -> FleetProblems.customerNotFound(id)))
			.flatMap((row) -> counts(id).map((counts) -> view(row, counts)));
	}

	Mono<CustomerView> create(CustomerRequest request) {
		CustomerRow row = request.toRow(0);
		return this.customers.insert(row)
			.as(this.tx::transactional)
			.onErrorMap((ex) -> ConstraintViolations.ofCustomerWrite(ex, row.name()))
			.map((created) -> view(created, Map.of()));
	}

	Mono<CustomerView> update(long id, CustomerRequest request) {
		CustomerRow row = request.toRow(id);
		return this.customers.update(row)
			.flatMap((updated) -> (updated == 0) ? Mono.error(FleetProblems.customerNotFound(id)) : Mono.just(row))
			.as(this.tx::transactional)
			.onErrorMap((ex) -> ConstraintViolations.ofCustomerWrite(ex, row.name()))
			.flatMap((updated) -> this.registration
				.registerAll(this.vehicles.find(new VehicleQuery(id, null, null, null))))
			.then(Mono.defer(() -> get(id)));
	}

	Mono<Void> delete(long id) {
		return this.customers.delete(id)
			.flatMap((deleted) -> (deleted == 0) ? Mono.error(FleetProblems.customerNotFound(id)) : Mono.empty())
			.as(this.tx::transactional)
			.onErrorMap((ex) -> ConstraintViolations.ofCustomerDelete(ex, id))
			.then();
	}

	/** Vehicle and connected counts per customer id (of one customer, or of all). */
	private Mono<Map<Long, Counts>> counts(Long customerId) {
		return this.vehicles.ownerships(customerId)
			.buffer(VehicleService.ENRICH_BATCH)
			.concatMap((batch) -> this.liveStatus.states(batch.stream().map(VehicleRepository.Ownership::vin).toList())
				.map((states) -> batch.stream()
					.map((owned) -> new Counted(owned.customerId(),
							states.containsKey(owned.vin()) && states.get(owned.vin()).status() == Status.CONNECTED))
					.toList()), 1)
			.reduceWith(HashMap<Long, Counts>::new, CustomerService::add)
			.map((counts) -> counts);
	}

	private static HashMap<Long, Counts> add(HashMap<Long, Counts> counts, List<Counted> batch) {
		for (Counted counted : batch) {
			Counts current = counts.getOrDefault(counted.customerId(), Counts.NONE);
			counts.put(counted.customerId(),
					new Counts(current.vehicles() + 1, current.connected() + (counted.connected() ? 1 : 0)));
		}
		return counts;
	}

	private CustomerView view(CustomerRow row, Map<Long, Counts> counts) {
		Counts count = counts.getOrDefault(row.id(), Counts.NONE);
		return new CustomerView(row.id(), row.name(), row.address(), count.vehicles(), count.connected(),
				count.vehicles() - count.connected(), row.pingIntervalSeconds(), row.pingGraceSeconds(),
				HeartbeatView.of(this.policies.of(row)));
	}

	private record Counted(long customerId, boolean connected) {
	}

	private record Counts(long vehicles, long connected) {

		static final Counts NONE = new Counts(0, 0);

	}

}
