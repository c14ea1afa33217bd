package io.vehiclesmonitor.backend.security;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * {@code users} over plain SQL.
 */
@Repository
class UserRepository {

	private static final String SELECT = "SELECT id, username, password_hash, user_role, customer_id, enabled FROM users";

	private final DatabaseClient db;

	/**
	 * The row is not an enabled admin, or another enabled admin remains: nobody can lock
	 * every admin out (two admins removing each other at the same instant still can).
	 */
	private static final String LEAVES_AN_ADMIN = "(user_role <> 'ADMIN' OR enabled = FALSE OR EXISTS (SELECT 1 FROM users other"
			+ " WHERE other.user_role = 'ADMIN' AND other.enabled = TRUE AND other.username <> :username))";

	UserRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<UserRow> findByUsername(String username) {
		return this.db.sql(SELECT + " WHERE username = :username")
			.bind("username", username)
			.map(UserRepository::row)
			.one();
	}

	Flux<UserRow> findAll() {
		return this.db.sql(SELECT + " ORDER BY username").map(UserRepository::row).all();
	}

	Mono<Long> count() {
		return this.db.sql("SELECT COUNT(*) AS n FROM users").map((row) -> row.get("n", Long.class)).one();
	}

	Mono<Long> insert(UserRow user) {
		var spec = this.db
			.sql("INSERT INTO users (username, password_hash, user_role, customer_id, enabled)"
					+ " VALUES (:username, :hash, :role, :customer, :enabled)")
			.bind("username", user.username())
			.bind("hash", user.passwordHash())
			.bind("role", user.role().name())
			.bind("enabled", user.enabled());
		spec = (user.customerId() != null) ? spec.bind("customer", user.customerId())
				: spec.bindNull("customer", Long.class);
		return spec.fetch().rowsUpdated();
	}

	/**
	 * Updates role, customer and enabled, and the hash when it is not {@code null};
	 * updates nothing if that would demote or disable the last enabled admin.
	 */
	Mono<Long> update(UserRow user) {
		String hash = (user.passwordHash() != null) ? ", password_hash = :hash" : "";
		boolean staysAdmin = user.role() == Role.ADMIN && user.enabled();
		var spec = this.db
			.sql("UPDATE users SET user_role = :role, customer_id = :customer, enabled = :enabled" + hash
					+ ", updated_at = CURRENT_TIMESTAMP WHERE username = :username"
					+ (staysAdmin ? "" : " AND " + LEAVES_AN_ADMIN))
			.bind("username", user.username())
			.bind("role", user.role().name())
			.bind("enabled", user.enabled());
		spec = (user.customerId() != null) ? spec.bind("customer", user.customerId())
				: spec.bindNull("customer", Long.class);
		spec = (user.passwordHash() != null) ? spec.bind("hash", user.passwordHash()) : spec;
		return spec.fetch().rowsUpdated();
	}

	/** Deletes the user unless it is the last enabled admin. */
	Mono<Long> delete(String username) {
		return this.db.sql("DELETE FROM users WHERE username = :username AND " + LEAVES_AN_ADMIN)
			.bind("username", username)
			.fetch()
			.rowsUpdated();
	}

	private static UserRow row(Readable row) {
		return new UserRow(row.get("id", Long.class), row.get("username", String.class),
				row.get("password_hash", String.class), Role.valueOf(row.get("user_role", String.class)),
				row.get("customer_id", Long.class), Boolean.TRUE.equals(row.get("enabled", Boolean.class)));
	}

}
