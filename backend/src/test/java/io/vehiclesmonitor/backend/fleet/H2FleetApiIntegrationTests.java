package io.vehiclesmonitor.backend.fleet;

import java.util.List;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fleet API suite against H2 in PostgreSQL mode, the database of the standalone run,
 * in a fresh in-memory database of its own (not the shared {@code vm-test}).
 */
class H2FleetApiIntegrationTests extends FleetApiIntegrationTests {

	static final String NAME = "vm-fleet-" + UUID.randomUUID();

	static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", () -> "r2dbc:h2:mem:///" + NAME + OPTIONS);
		registry.add("spring.flyway.url", () -> "jdbc:h2:mem:" + NAME + OPTIONS);
	}

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.r2dbc.url=r2dbc:h2:mem:///" + NAME + OPTIONS,
				"--spring.flyway.url=jdbc:h2:mem:" + NAME + OPTIONS);
	}

}
