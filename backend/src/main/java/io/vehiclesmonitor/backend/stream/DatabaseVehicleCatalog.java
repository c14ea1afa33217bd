package io.vehiclesmonitor.backend.stream;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * {@link VehicleCatalog} over the fleet registry's tables, read with plain SQL so the
 * stream does not depend on the registry's entity classes.
 */
@Component
class DatabaseVehicleCatalog implements VehicleCatalog {

	private static final String SELECT = "SELECT v.vin, v.reg_nr, c.id AS customer_id, c.name, c.address"
			+ " FROM vehicles v JOIN customers c ON c.id = v.customer_id";

	/** The dashboard's order, so it can show a snapshot's first rows before the rest. */
	private static final String DISPLAY_ORDER = " ORDER BY c.name, v.reg_nr";

	private final DatabaseClient db;

	DatabaseVehicleCatalog(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Flux<CatalogVehicle> vehicles(Long customerId) {
		if (customerId == null) {
			return this.db.sql(SELECT + DISPLAY_ORDER).map(DatabaseVehicleCatalog::vehicle).all();
		}
		return this.db.sql(SELECT + " WHERE c.id = :customer" + DISPLAY_ORDER)
			.bind("customer", customerId)
			.map(DatabaseVehicleCatalog::vehicle)
			.all();
	}

	@Override
	public Mono<Map<String, CatalogVehicle>> byVin(Collection<String> vins) {
		if (vins.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(SELECT + " WHERE v.vin IN (:vins)")
			.bind("vins", vins)
			.map(DatabaseVehicleCatalog::vehicle)
			.all()
			.collectMap(CatalogVehicle::vin, Function.identity());
	}

	private static CatalogVehicle vehicle(Readable row) {
		Customer customer = new Customer(row.get("customer_id", Long.class), row.get("name", String.class),
				row.get("address", String.class));
		return new CatalogVehicle(row.get("vin", String.class).trim(), row.get("reg_nr", String.class), customer);
	}

}
