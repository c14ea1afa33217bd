package io.vehiclesmonitor.backend.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a PostgreSQL database with a large synthetic fleet for benchmarks by running
 * {@code fleet/generate-fleet.sql} (set-based {@code INSERT ... SELECT generate_series}:
 * a million vehicles take seconds). The script runs as well with {@code psql} alone; see
 * docs/api.md, "Benchmark data". This class lets tests and Java tooling run it.
 */
public final class FleetGenerator {

	static final String SCRIPT = "/fleet/generate-fleet.sql";

	private FleetGenerator() {
	}

	/**
	 * Arguments: JDBC URL (default {@code jdbc:postgresql://127.0.0.1:5432/vehicles}),
	 * user (default {@code postgres}, password from env {@code POSTGRES_PASSWORD}),
	 * vehicles (default 1,000,000), vehicles per customer (default 1,000).
	 */
	public static void main(String[] args) throws SQLException, IOException {
		String url = (args.length > 0) ? args[0] : "jdbc:postgresql://127.0.0.1:5432/vehicles";
		String user = (args.length > 1) ? args[1] : "postgres";
		int vehicles = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000_000;
		int perCustomer = (args.length > 3) ? Integer.parseInt(args[3]) : 1_000;
		long start = System.nanoTime();
		try (Connection connection = DriverManager.getConnection(url, user, System.getenv("POSTGRES_PASSWORD"))) {
			generate(connection, vehicles, perCustomer);
		}
		System.out.printf("Generated %d vehicles in %d ms%n", vehicles, (System.nanoTime() - start) / 1_000_000);
	}

	/** Runs the script with psql's variables replaced by the given numbers. */
	static void generate(Connection connection, int vehicles, int perCustomer) throws SQLException, IOException {
		String sql;
		try (InputStream in = FleetGenerator.class.getResourceAsStream(SCRIPT)) {
			sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		sql = sql.replace(":vehicles", Integer.toString(vehicles))
			.replace(":per_customer", Integer.toString(perCustomer));
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
