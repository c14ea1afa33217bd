package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import io.vehiclesmonitor.backend.support.PostgresTestDatabase;
import io.vehiclesmonitor.backend.support.TcpProxy;

/**
 * The distributed setup of one test class: a fresh PostgreSQL database, one Redis key
 * prefix and one RabbitMQ topology of its own, and replicas of the real application whose
 * broker connections each go through a {@link TcpProxy}. If a service is missing,
 * starting fails (tests never skip).
 */
final class DistributedCluster implements AutoCloseable {

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final String prefix = "e2e-" + this.run;

	final String exchange = this.prefix + ".pings";

	final String queue = this.prefix + ".pings";

	final String deadLetterExchange = this.prefix + ".dlx";

	final String deadLetterQueue = this.prefix + ".dead";

	final PostgresTestDatabase database = new PostgresTestDatabase();

	final RedisTestSupport redis = new RedisTestSupport(this.prefix);

	final List<Replica> replicas = new ArrayList<>();

	final List<TcpProxy> proxies = new ArrayList<>();

	private final Map<String, Object> settings;

	PingPublisher publisher;

	/**
	 * @param settings heartbeat, sweep and ingest settings of this cluster (shared by all
	 * replicas)
	 */
	DistributedCluster(Map<String, Object> settings) {
		this.settings = settings;
		this.database.create();
	}

	/** Starts one more replica (sequentially, so Flyway migrates once). */
	Replica startReplica() throws IOException, TimeoutException {
		TcpProxy proxy = new TcpProxy("127.0.0.1", 5672);
		this.proxies.add(proxy);
		String name = "replica-" + this.replicas.size();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.r2dbc.url", this.database.r2dbcUrl());
		properties.put("spring.r2dbc.username", "postgres");
		properties.put("spring.r2dbc.password", "");
		properties.put("spring.flyway.url", this.database.jdbcUrl());
		properties.put("spring.flyway.user", "postgres");
		properties.put("spring.flyway.password", "");
		properties.put("monitor.fleet.seed-reference", false);
		properties.put("monitor.redis.key-prefix", this.prefix);
		properties.put("monitor.rabbitmq.host", "127.0.0.1");
		properties.put("monitor.rabbitmq.port", proxy.port());
		properties.put("monitor.rabbitmq.connection-name", "vm-e2e-" + this.run + "-" + name);
		properties.put("monitor.rabbitmq.recovery-interval", "200ms");
		properties.put("monitor.rabbitmq.exchange", this.exchange);
		properties.put("monitor.rabbitmq.queue", this.queue);
		properties.put("monitor.rabbitmq.dead-letter-exchange", this.deadLetterExchange);
		properties.put("monitor.rabbitmq.dead-letter-queue", this.deadLetterQueue);
		properties.put("logging.level.root", "WARN");
		properties.putAll(this.settings);
		Replica replica = Replica.start(name, properties);
		this.replicas.add(replica);
		if (this.publisher == null) {
			// the first replica declared the topology
			this.publisher = new PingPublisher(this.exchange);
		}
		return replica;
	}

	@Override
	public void close() throws Exception {
		for (Replica replica : this.replicas) {
			replica.close();
		}
		for (TcpProxy proxy : this.proxies) {
			proxy.close();
		}
		if (this.publisher != null) {
			this.publisher.deleteTopology(this.exchange, this.queue, this.deadLetterExchange, this.deadLetterQueue);
			this.publisher.close();
		}
		this.redis.deleteAllKeys();
		this.redis.close();
		this.database.drop();
	}

}
