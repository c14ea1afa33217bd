package io.vehiclesmonitor.backend.stream;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The registered fleet as the live stream needs it: rows for snapshots and the customer
 * of changed vehicles for server-side filters and counts.
 */
public interface VehicleCatalog {

	/**
	 * Every vehicle with its customer, of one customer when {@code customerId} is set.
	 */
	Flux<CatalogVehicle> vehicles(Long customerId);

	/** The given vehicles by VIN, in one query; unknown VINs are absent. */
	Mono<Map<String, CatalogVehicle>> byVin(Collection<String> vins);

	/**
	 * A vehicle and its customer.
	 */
	record CatalogVehicle(String vin, String regNr, Customer customer) {
	}

	/**
	 * A customer as shown next to its vehicles.
	 */
	record Customer(long id, String name, String address) {
	}

}
