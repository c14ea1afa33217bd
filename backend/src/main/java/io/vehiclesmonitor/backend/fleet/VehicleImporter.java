package io.vehiclesmonitor.backend.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple3;
import reactor.util.function.Tuples;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.vehiclesmonitor.backend.fleet.VehicleRepository.NewVehicle;

/**
 * Bulk import of vehicles. Rows stream in and are checked and inserted batch by batch
 * inside ONE transaction: every valid row is imported and every bad row reported, or, if
 * the request fails as a whole (too large, unreadable, a concurrent write), nothing is.
 */
@Service
class VehicleImporter {

	static final int BATCH_SIZE = 500;

	private final VehicleRepository vehicles;

	private final FleetRegistration registration;

	private final TransactionalOperator tx;

	VehicleImporter(VehicleRepository vehicles, FleetRegistration registration, TransactionalOperator tx) {
		this.vehicles = vehicles;
		this.registration = registration;
		this.tx = tx;
	}

	Mono<ImportReport> importRows(Flux<ImportRow> rows) {
		return Mono.defer(() -> {
			ImportProgress progress = new ImportProgress();
			return rows.buffer(BATCH_SIZE)
				.concatMap((batch) -> importBatch(batch, progress), 1)
				.then()
				.as(this.tx::transactional)
				.then(Mono.defer(() -> register(progress.importedVins())))
				.then(Mono.fromCallable(progress::report));
		});
	}

	private Mono<Void> importBatch(List<ImportRow> batch, ImportProgress progress) {
		List<Candidate> candidates = new ArrayList<>();
		for (ImportRow row : batch) {
			Candidate candidate = validate(row, progress);
			if (candidate != null) {
				candidates.add(candidate);
			}
		}
		if (candidates.isEmpty()) {
			return Mono.empty();
		}
		// One query after the other: they share the transaction's connection.
		Mono<Set<String>> vins = this.vehicles.existingVins(map(candidates, (c) -> c.vehicle().vin()))
			.collect(HashSet::new, Set::add);
		Mono<Set<String>> regNrs = Mono
			.defer(() -> this.vehicles.existingRegNrs(map(candidates, (c) -> c.vehicle().regNr()))
				.collect(HashSet::new, Set::add));
		Mono<Set<Long>> customers = Mono
			.defer(() -> this.vehicles.existingCustomers(map(candidates, (c) -> c.vehicle().customerId()))
				.collect(HashSet::new, Set::add));
		Mono<Tuple3<Set<String>, Set<String>, Set<Long>>> existingRows = vins
			.flatMap((v) -> regNrs.flatMap((r) -> customers.map((c) -> Tuples.of(v, r, c))));
		return existingRows.flatMap((existing) -> {
			List<NewVehicle> accepted = new ArrayList<>();
			for (Candidate candidate : candidates) {
				NewVehicle vehicle = candidate.vehicle();
				if (existing.getT1().contains(vehicle.vin())) {
					progress.reject(candidate.row(), "vin", "VIN " + vehicle.vin() + " is already registered");
				}
				else if (existing.getT2().contains(vehicle.regNr())) {
					progress.reject(candidate.row(), "regNr",
							"registration number " + vehicle.regNr() + " is already taken");
				}
				else if (!existing.getT3().contains(vehicle.customerId())) {
					progress.reject(candidate.row(), "customerId", "no customer with id " + vehicle.customerId());
				}
				else {
					accepted.add(vehicle);
				}
			}
			return this.vehicles.insertAll(accepted).doOnNext((n) -> accepted.forEach(progress::imported)).then();
		});
	}

	// Checks one row alone and against the rows before it in the same import.
	private static Candidate validate(ImportRow row, ImportProgress progress) {
		if (row.unreadable() != null) {
			return progress.reject(row.row(), "row", row.unreadable());
		}
		if (!Vin.isValid(row.vin())) {
			return progress.reject(row.row(), "vin",
					"'" + row.vin() + "' is not 17 characters of the ISO 3779 alphabet");
		}
		String regNr = (row.regNr() != null) ? row.regNr().strip() : "";
		if (regNr.isEmpty() || regNr.length() > 20) {
			return progress.reject(row.row(), "regNr", "must be 1 to 20 characters");
		}
		Long customerId = parseId(row.customerId());
		if (customerId == null) {
			return progress.reject(row.row(), "customerId", "'" + row.customerId() + "' is not a customer id");
		}
		Long earlierVin = progress.earlierRowOfVin(row.vin(), row.row());
		if (earlierVin != null) {
			return progress.reject(row.row(), "vin", "VIN " + row.vin() + " already appears in row " + earlierVin);
		}
		Long earlierRegNr = progress.earlierRowOfRegNr(regNr, row.row());
		if (earlierRegNr != null) {
			return progress.reject(row.row(), "regNr",
					"registration number " + regNr + " already appears in row " + earlierRegNr);
		}
		return new Candidate(row.row(), new NewVehicle(row.vin(), regNr, customerId, null, null));
	}

	private Mono<Void> register(List<String> vins) {
		return Flux.fromIterable(vins)
			.buffer(BATCH_SIZE)
			.concatMap((batch) -> this.registration.registerAll(this.vehicles.findByVins(batch)), 1)
			.then();
	}

	private static Long parseId(String text) {
		try {
			long id = Long.parseLong((text != null) ? text.strip() : "");
			return (id > 0) ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static <T> Collection<T> map(List<Candidate> candidates, java.util.function.Function<Candidate, T> field) {
		return candidates.stream().map(field).toList();
	}

	record Candidate(long row, NewVehicle vehicle) {
	}

}
