package io.vehiclesmonitor.backend.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vehiclesmonitor.backend.support.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark data generator on a fresh PostgreSQL database migrated by our Flyway
 * scripts: the database's own checks accept every generated VIN and reg nr.
 */
class FleetGeneratorIntegrationTests {

	@RegisterExtension
	static final PostgresTestDatabase database = new PostgresTestDatabase();

	@Test
	void generatesValidUniqueVehiclesSpreadOverCustomersAndIsRepeatable() throws Exception {
		Flyway.configure().dataSource(database.jdbcUrl(), "postgres", "").load().migrate();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
			FleetGenerator.generate(connection, 25_000, 1_000);
			assertThat(count(connection, "SELECT COUNT(*) FROM vehicles")).isEqualTo(25_000);
			assertThat(count(connection, "SELECT COUNT(*) FROM customers")).isEqualTo(25);
			assertThat(count(connection, "SELECT COUNT(DISTINCT customer_id) FROM vehicles")).isEqualTo(25);
			assertThat(
					count(connection, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM vehicles GROUP BY customer_id) t"))
				.isEqualTo(1_000);
			FleetGenerator.generate(connection, 25_000, 1_000);
			assertThat(count(connection, "SELECT COUNT(*) FROM vehicles")).isEqualTo(25_000);
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
