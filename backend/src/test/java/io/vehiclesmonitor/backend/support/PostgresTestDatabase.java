package io.vehiclesmonitor.backend.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL database for one test class: created on 127.0.0.1:5432 as user
 * {@code postgres} (override with env {@code VM_TEST_POSTGRES_HOST},
 * {@code VM_TEST_POSTGRES_PORT}, {@code VM_TEST_POSTGRES_USER}) before the Spring context
 * starts, dropped after the class. If PostgreSQL is unreachable the test FAILS with a
 * clear message: integration tests never skip.
 * <p>
 * Use it from an integration test; Flyway then migrates the fresh database:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;DirtiesContext // the database is dropped after the class: never reuse the context
 * class MyIntegrationTests {
 *
 *     &#64;RegisterExtension
 *     static final PostgresTestDatabase database = new PostgresTestDatabase();
 *
 *     &#64;DynamicPropertySource
 *     static void database(DynamicPropertyRegistry registry) {
 *         database.register(registry);
 *     }
 *
 * }
 * </pre> {@link #register} sets {@code spring.r2dbc.url/username/password} and
 * {@code spring.flyway.url/user/password}; JDBC is used here only, in test set-up.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {

	private final String host = env("VM_TEST_POSTGRES_HOST", "127.0.0.1");

	private final String port = env("VM_TEST_POSTGRES_PORT", "5432");

	private final String user = env("VM_TEST_POSTGRES_USER", "postgres");

	private final String name = "vm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	private boolean created;

	/** Name of the database, {@code vm_test_<random>}. */
	public String name() {
		return this.name;
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	/** Points the application at this database, creating it first if needed. */
	public void register(DynamicPropertyRegistry registry) {
		create();
		registry.add("spring.r2dbc.url", this::r2dbcUrl);
		registry.add("spring.r2dbc.username", () -> this.user);
		registry.add("spring.r2dbc.password", () -> "");
		registry.add("spring.flyway.url", this::jdbcUrl);
		registry.add("spring.flyway.user", () -> this.user);
		registry.add("spring.flyway.password", () -> "");
	}

	/** Creates the database (idempotent). */
	public synchronized void create() {
		if (!this.created) {
			admin("CREATE DATABASE " + this.name + " ENCODING 'UTF8' TEMPLATE template0");
			this.created = true;
		}
	}

	/** Drops the database, closing connections still open to it. */
	public synchronized void drop() {
		if (this.created) {
			admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			this.created = false;
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		create();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		drop();
	}

	private void admin(String sql) {
		String url = "jdbc:postgresql://" + this.host + ":" + this.port + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, this.user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + this.host + ":" + this.port + " (user " + this.user
					+ ") is required by this integration test and is unreachable or refused '" + sql
					+ "'. Start PostgreSQL 15 there (trust auth) or point VM_TEST_POSTGRES_HOST/PORT/USER at one. Cause: "
					+ ex.getMessage(), ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
