package io.vehiclesmonitor.backend.fleet;

import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.vehiclesmonitor.backend.support.PostgresTestDatabase;

/**
 * The fleet API suite against the real PostgreSQL, in a fresh database.
 */
class PostgresFleetApiIntegrationTests extends FleetApiIntegrationTests {

	@RegisterExtension
	static final PostgresTestDatabase database = new PostgresTestDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.r2dbc.url=" + database.r2dbcUrl(), "--spring.r2dbc.username=postgres",
				"--spring.r2dbc.password=", "--spring.flyway.url=" + database.jdbcUrl(),
				"--spring.flyway.user=postgres", "--spring.flyway.password=");
	}

}
