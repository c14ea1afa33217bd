package io.vehiclesmonitor.backend.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vehiclesmonitor.backend.VehiclesMonitorApplication;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import io.vehiclesmonitor.backend.support.PostgresTestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * TEST ONLY: the real application in the {@code distributed} profile, started and stopped
 * like a deployed replica, on resources unique to one test class: a fresh PostgreSQL
 * database, its own Redis key prefix and its own RabbitMQ exchanges and queues. A restart
 * reuses all of them and the port, so clients see the same server come back.
 */
final class DistributedBackend implements AutoCloseable {

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final PostgresTestDatabase database = new PostgresTestDatabase();

	private final Map<String, String> properties = new LinkedHashMap<>();

	private ConfigurableApplicationContext context;

	private int port;

	DistributedBackend(Map<String, String> settings) {
		this.properties.put("spring.r2dbc.url", this.database.r2dbcUrl());
		this.properties.put("spring.r2dbc.username", "postgres");
		this.properties.put("spring.r2dbc.password", "");
		this.properties.put("spring.flyway.url", this.database.jdbcUrl());
		this.properties.put("spring.flyway.user", "postgres");
		this.properties.put("spring.flyway.password", "");
		this.properties.put("monitor.redis.key-prefix", redisPrefix());
		this.properties.put("monitor.rabbitmq.connection-name", "vm-dashboard-e2e-" + this.run);
		this.properties.put("monitor.rabbitmq.exchange", exchange());
		this.properties.put("monitor.rabbitmq.queue", queue());
		this.properties.put("monitor.rabbitmq.dead-letter-exchange", deadLetterExchange());
		this.properties.put("monitor.rabbitmq.dead-letter-queue", deadLetterQueue());
		this.properties.putAll(settings);
	}

	String redisPrefix() {
		return "test-dashboard-e2e-" + this.run;
	}

	String exchange() {
		return "vm.pings.e2e-" + this.run;
	}

	String queue() {
		return "vm.pings.e2e-" + this.run;
	}

	String deadLetterExchange() {
		return "vm.pings.e2e-" + this.run + ".dlx";
	}

	String deadLetterQueue() {
		return "vm.pings.e2e-" + this.run + ".dead";
	}

	/** Starts the application; the first start picks a free port, restarts reuse it. */
	DistributedBackend start() {
		this.database.create();
		List<String> args = new ArrayList<>();
		this.properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=" + this.port);
		this.context = new SpringApplicationBuilder(VehiclesMonitorApplication.class).profiles("distributed")
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton(MainCodeOnly.class.getName(), new MainCodeOnly()))
			.run(args.toArray(String[]::new));
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return this;
	}

	/**
	 * Shuts the application down as a deployment would (graceful, closing its clients).
	 */
	void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	int port() {
		return this.port;
	}

	/** Ends every browser session, as their expiry or a revocation would. */
	void deleteSessions() throws java.sql.SQLException {
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(this.database.jdbcUrl(), "postgres",
				""); java.sql.Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM sessions");
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** Stops the application and deletes its database, keys, exchanges and queues. */
	@Override
	public void close() throws IOException {
		stop();
		try (RedisTestSupport redis = new RedisTestSupport(redisPrefix())) {
			redis.deleteAllKeys();
		}
		try (PingPublisher broker = new PingPublisher(exchange())) {
			broker.deleteTopology(queue(), deadLetterExchange(), deadLetterQueue());
		}
		this.database.drop();
	}

	/**
	 * Keeps the test classes (their nested configurations and stand-ins) out of the
	 * application's component scan: the application is started by hand here, not by the
	 * test framework, which would otherwise exclude them. Test classes are recognised by
	 * Maven's output directory, {@code target/test-classes}.
	 */
	static final class MainCodeOnly extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURI().toString().contains("/test-classes/");
		}

	}

}
