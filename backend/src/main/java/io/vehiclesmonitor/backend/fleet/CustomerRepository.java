package io.vehiclesmonitor.backend.fleet;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Customers in the relational database.
 */
@Repository
class CustomerRepository {

	private static final String COLUMNS = "id, name, address, ping_interval_seconds, ping_grace_seconds";

	private final DatabaseClient db;

	CustomerRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<CustomerRow> findAll() {
		return this.db.sql("SELECT " + COLUMNS + " FROM customers ORDER BY id").map(CustomerRepository::row).all();
	}

	Mono<CustomerRow> findById(long id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
			.bind("id", id)
			.map(CustomerRepository::row)
			.one();
	}

	Mono<Long> count() {
		return this.db.sql("SELECT COUNT(*) AS n FROM customers")
			.map((row) -> row.get("n", Number.class).longValue())
			.one();
	}

	/** Inserts the customer and answers it with its generated id. */
	Mono<CustomerRow> insert(CustomerRow customer) {
		return Sql
			.bindNullable(
					this.db
						.sql("INSERT INTO customers (name, address, ping_interval_seconds, ping_grace_seconds)"
								+ " VALUES (:name, :address, :interval, :grace)")
						.bind("name", customer.name())
						.bind("address", customer.address()),
					"interval", customer.pingIntervalSeconds(), "grace", customer.pingGraceSeconds())
			.filter((statement) -> statement.returnGeneratedValues("id"))
			.map((row) -> row.get("id", Number.class).longValue())
			.one()
			.map((id) -> new CustomerRow(id, customer.name(), customer.address(), customer.pingIntervalSeconds(),
					customer.pingGraceSeconds()));
	}

	/** Answers the number of updated rows: 0 when the customer does not exist. */
	Mono<Long> update(CustomerRow customer) {
		return Sql.bindNullable(
				this.db
					.sql("UPDATE customers SET name = :name, address = :address,"
							+ " ping_interval_seconds = :interval, ping_grace_seconds = :grace,"
							+ " updated_at = CURRENT_TIMESTAMP WHERE id = :id")
					.bind("id", customer.id())
					.bind("name", customer.name())
					.bind("address", customer.address()),
				"interval", customer.pingIntervalSeconds(), "grace", customer.pingGraceSeconds())
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> delete(long id) {
		return this.db.sql("DELETE FROM customers WHERE id = :id").bind("id", id).fetch().rowsUpdated();
	}

	static CustomerRow row(Readable row) {
		return new CustomerRow(row.get("id", Number.class).longValue(), row.get("name", String.class),
				row.get("address", String.class), Sql.integer(row, "ping_interval_seconds"),
				Sql.integer(row, "ping_grace_seconds"));
	}

}
