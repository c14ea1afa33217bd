package io.vehiclesmonitor.backend.system;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The backend's one AMQP connection, shared by every sender and receiver. The client
 * recovers it (and its channels and consumers) after a network failure on its own; a
 * first connection attempt that fails is not cached, so the next subscriber tries again.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
public class RabbitMqConnection implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RabbitMqConnection.class);

	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private static final int CLOSE_TIMEOUT_MILLIS = 5000;

	private static final int RPC_TIMEOUT_MILLIS = 10_000;

	private final AtomicReference<Connection> current = new AtomicReference<>();

	private final Mono<Connection> connection;

	private volatile boolean closed;

	public RabbitMqConnection(RabbitMqProperties properties) {
		ConnectionFactory factory = connectionFactory(properties);
		// newConnection() blocks on socket I/O, so it never runs on the caller's thread.
		this.connection = Mono.fromCallable(() -> open(factory, properties.connectionName()))
			.subscribeOn(Schedulers.boundedElastic())
			.cache((connection) -> FOREVER, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	static ConnectionFactory connectionFactory(RabbitMqProperties properties) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(properties.host());
		factory.setPort(properties.port());
		factory.setUsername(properties.username());
		factory.setPassword(properties.password());
		factory.setVirtualHost(properties.virtualHost());
		factory.setAutomaticRecoveryEnabled(true);
		factory.setTopologyRecoveryEnabled(true);
		factory.setNetworkRecoveryInterval(properties.recoveryInterval().toMillis());
		// Both sides declare a peer dead after about two missed heartbeats; the broker
		// then
		// requeues its unacknowledged pings (see monitor.ingest.replica-ttl).
		factory.setRequestedHeartbeat((int) Math.max(1, properties.heartbeat().toSeconds()));
		// A declare or passive declare that gets no answer fails after this instead of
		// holding a worker thread for the client's default ten minutes.
		factory.setChannelRpcTimeout(RPC_TIMEOUT_MILLIS);
		return factory;
	}

	private Connection open(ConnectionFactory factory, String name) throws Exception {
		if (this.closed) {
			throw new IllegalStateException("RabbitMQ connection already closed");
		}
		Connection opened = factory.newConnection(name);
		this.current.set(opened);
		logger.info("Connected to RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " as " + name);
		return opened;
	}

	/**
	 * The shared connection, opened on first subscription and recovered automatically.
	 */
	public Mono<Connection> connection() {
		return this.connection;
	}

	/** Whether the connection is open right now (false while it is being recovered). */
	public boolean isConnected() {
		Connection connection = this.current.get();
		return connection != null && connection.isOpen();
	}

	@Override
	public void destroy() {
		// Runs on the context's shutdown thread, never on an event loop.
		this.closed = true;
		Connection connection = this.current.getAndSet(null);
		if (connection != null && connection.isOpen()) {
			try {
				connection.close(CLOSE_TIMEOUT_MILLIS);
			}
			catch (IOException ex) {
				logger.warn("Closing the RabbitMQ connection failed: " + ex.getMessage());
			}
		}
	}

}
