package io.vehiclesmonitor.backend.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Vehicles in the relational database, always read with their owner. Reads of many rows
 * stream with a fetch size, so the whole fleet is never held in memory at once.
 */
@Repository
class VehicleRepository {

	static final int CHUNK = 1000;

	private static final String SELECT = "SELECT v.vin, v.reg_nr, v.ping_interval_seconds, v.ping_grace_seconds,"
			+ " c.id, c.name, c.address, c.ping_interval_seconds AS customer_ping_interval_seconds,"
			+ " c.ping_grace_seconds AS customer_ping_grace_seconds"
			+ " FROM vehicles v JOIN customers c ON c.id = v.customer_id";

	private final DatabaseClient db;

	VehicleRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Streams the matching vehicles in VIN order. Without a limit the rows are read in
	 * keyset chunks of {@value #CHUNK} (one short query each, a connection held only
	 * while a chunk is read): a single cursor over a million rows could hold its
	 * connection for as long as the slowest client takes, and the PostgreSQL driver's
	 * response queue can overflow under such a cursor.
	 */
	Flux<VehicleRow> find(VehicleQuery query) {
		if (query.limit() != null) {
			return findChunk(query);
		}
		return inChunks((after) -> findChunk(((after != null) ? query.after(after) : query).withLimit(CHUNK)),
				VehicleRow::vin);
	}

	private Flux<VehicleRow> findChunk(VehicleQuery query) {
		StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
		if (query.customerId() != null) {
			sql.append(" AND v.customer_id = :customer");
		}
		if (query.afterVin() != null) {
			sql.append(" AND v.vin > :after");
		}
		if (query.text() != null) {
			sql.append(" AND (LOWER(v.vin) LIKE :q ESCAPE '\\' OR LOWER(v.reg_nr) LIKE :q ESCAPE '\\'")
				.append(" OR LOWER(c.name) LIKE :q ESCAPE '\\')");
		}
		sql.append(" ORDER BY v.vin");
		if (query.limit() != null) {
			sql.append(" LIMIT :limit");
		}
		GenericExecuteSpec spec = this.db.sql(sql.toString());
		if (query.customerId() != null) {
			spec = spec.bind("customer", query.customerId());
		}
		if (query.afterVin() != null) {
			spec = spec.bind("after", query.afterVin());
		}
		if (query.text() != null) {
			spec = spec.bind("q", Sql.containsPattern(query.text().toLowerCase(Locale.ROOT)));
		}
		if (query.limit() != null) {
			spec = spec.bind("limit", query.limit());
		}
		return spec.map(VehicleRepository::row).all();
	}

	/**
	 * Reads chunk after chunk, each after the last key of the one before, until a chunk
	 * comes back short. One chunk is in memory at a time.
	 */
	private static <T> Flux<T> inChunks(Function<String, Flux<T>> chunkAfter, Function<T, String> key) {
		return chunkAfter.apply(null)
			.collectList()
			.expand((chunk) -> (chunk.size() < CHUNK) ? Mono.empty()
					: chunkAfter.apply(key.apply(chunk.get(chunk.size() - 1))).collectList())
			.concatMapIterable(Function.identity());
	}

	Mono<VehicleRow> findByVin(String vin) {
		return this.db.sql(SELECT + " WHERE v.vin = :vin").bind("vin", vin).map(VehicleRepository::row).one();
	}

	/** The given vehicles, in VIN order. */
	Flux<VehicleRow> findByVins(Collection<String> vins) {
		return this.db.sql(SELECT + " WHERE v.vin IN (:vins) ORDER BY v.vin")
			.bind("vins", vins)
			.map(VehicleRepository::row)
			.all();
	}

	/** Streams (vin, customer id) of every vehicle, or of one customer's, in chunks. */
	Flux<Ownership> ownerships(Long customerId) {
		return inChunks((after) -> ownershipChunk(customerId, after), Ownership::vin);
	}

	private Flux<Ownership> ownershipChunk(Long customerId, String after) {
		String sql = "SELECT vin, customer_id FROM vehicles WHERE 1 = 1"
				+ ((customerId != null) ? " AND customer_id = :customer" : "")
				+ ((after != null) ? " AND vin > :after" : "") + " ORDER BY vin LIMIT :limit";
		GenericExecuteSpec spec = this.db.sql(sql).bind("limit", CHUNK);
		if (customerId != null) {
			spec = spec.bind("customer", customerId);
		}
		if (after != null) {
			spec = spec.bind("after", after);
		}
		return spec
			.map((row) -> new Ownership(row.get("vin", String.class), row.get("customer_id", Number.class).longValue()))
			.all();
	}

	Mono<Long> insert(NewVehicle vehicle) {
		return Sql.bindNullable(
				this.db
					.sql("INSERT INTO vehicles (vin, reg_nr, customer_id, ping_interval_seconds,"
							+ " ping_grace_seconds) VALUES (:vin, :regNr, :customer, :interval, :grace)")
					.bind("vin", vehicle.vin())
					.bind("regNr", vehicle.regNr())
					.bind("customer", vehicle.customerId()),
				"interval", vehicle.pingIntervalSeconds(), "grace", vehicle.pingGraceSeconds())
			.fetch()
			.rowsUpdated();
	}

	/** Inserts many vehicles with one statement; all or none. */
	Mono<Long> insertAll(List<NewVehicle> vehicles) {
		if (vehicles.isEmpty()) {
			return Mono.just(0L);
		}
		List<String> values = new ArrayList<>();
		for (int i = 0; i < vehicles.size(); i++) {
			values.add("(:vin" + i + ", :regNr" + i + ", :customer" + i + ")");
		}
		GenericExecuteSpec spec = this.db
			.sql("INSERT INTO vehicles (vin, reg_nr, customer_id) VALUES " + String.join(", ", values));
		for (int i = 0; i < vehicles.size(); i++) {
			NewVehicle vehicle = vehicles.get(i);
			spec = spec.bind("vin" + i, vehicle.vin())
				.bind("regNr" + i, vehicle.regNr())
				.bind("customer" + i, vehicle.customerId());
		}
		return spec.fetch().rowsUpdated();
	}

	/** Answers the number of updated rows: 0 when the vehicle does not exist. */
	Mono<Long> update(NewVehicle vehicle) {
		return Sql.bindNullable(
				this.db
					.sql("UPDATE vehicles SET reg_nr = :regNr, customer_id = :customer,"
							+ " ping_interval_seconds = :interval, ping_grace_seconds = :grace,"
							+ " updated_at = CURRENT_TIMESTAMP WHERE vin = :vin")
					.bind("vin", vehicle.vin())
					.bind("regNr", vehicle.regNr())
					.bind("customer", vehicle.customerId()),
				"interval", vehicle.pingIntervalSeconds(), "grace", vehicle.pingGraceSeconds())
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> delete(String vin) {
		return this.db.sql("DELETE FROM vehicles WHERE vin = :vin").bind("vin", vin).fetch().rowsUpdated();
	}

	/** Which of the given VINs are already registered. */
	Flux<String> existingVins(Collection<String> vins) {
		return this.db.sql("SELECT vin FROM vehicles WHERE vin IN (:vins)")
			.bind("vins", vins)
			.map((row) -> row.get("vin", String.class))
			.all();
	}

	/** Which of the given registration numbers are already taken. */
	Flux<String> existingRegNrs(Collection<String> regNrs) {
		return this.db.sql("SELECT reg_nr FROM vehicles WHERE reg_nr IN (:regNrs)")
			.bind("regNrs", regNrs)
			.map((row) -> row.get("reg_nr", String.class))
			.all();
	}

	/** Which of the given customer ids exist. */
	Flux<Long> existingCustomers(Collection<Long> ids) {
		return this.db.sql("SELECT id FROM customers WHERE id IN (:ids)")
			.bind("ids", ids)
			.map((row) -> row.get("id", Number.class).longValue())
			.all();
	}

	private static VehicleRow row(Readable row) {
		CustomerRow customer = new CustomerRow(row.get("id", Number.class).longValue(), row.get("name", String.class),
				row.get("address", String.class), Sql.integer(row, "customer_ping_interval_seconds"),
				Sql.integer(row, "customer_ping_grace_seconds"));
		return new VehicleRow(row.get("vin", String.class), row.get("reg_nr", String.class), customer,
				Sql.integer(row, "ping_interval_seconds"), Sql.integer(row, "ping_grace_seconds"));
	}

	/** Who owns a vehicle. */
	record Ownership(String vin, long customerId) {
	}

	/** The stored fields of a vehicle as written. */
	record NewVehicle(String vin, String regNr, long customerId, Integer pingIntervalSeconds,
			Integer pingGraceSeconds) {
	}

}
