package io.vehiclesmonitor.simulator.transport.amqp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import io.vehiclesmonitor.simulator.SimulatorProperties;

/**
 * The one cached broker connection and the pool of publishing channels on it. The
 * client's own automatic recovery is off: when the connection dies the cache is
 * invalidated and the next send reconnects, no sooner than the backoff allows.
 */
final class AmqpConnections {

	private static final Log logger = LogFactory.getLog(AmqpConnections.class);

	private final ConnectionFactory factory;

	private final String connectionName;

	private final String exchange;

	private final ReconnectBackoff backoff;

	private final ChannelPool channels;

	private final AtomicReference<Connection> current = new AtomicReference<>();

	private final Mono<Connection> connection;

	AmqpConnections(SimulatorProperties.Rabbitmq settings, int poolSize) {
		this.factory = new ConnectionFactory();
		this.factory.setHost(settings.host());
		this.factory.setPort(settings.port());
		this.factory.setUsername(settings.username());
		this.factory.setPassword(settings.password());
		this.factory.setVirtualHost(settings.virtualHost());
		this.factory.setAutomaticRecoveryEnabled(false);
		this.factory.setConnectionTimeout(5000);
		this.connectionName = settings.connectionName();
		this.exchange = settings.exchange();
		this.backoff = new ReconnectBackoff(settings.minBackoff(), settings.maxBackoff());
		this.channels = new ChannelPool(poolSize);
		this.connection = Mono.defer(this::attempt).cacheInvalidateIf((open) -> !open.isOpen());
	}

	/** The cached connection; fails fast while the backoff says wait. */
	Mono<Connection> connection() {
		return this.connection;
	}

	/**
	 * Completes when the current connection shuts down (never while there is none). A
	 * connection killed by the broker does not fail the publisher-confirm streams on its
	 * channels, so sends race against this signal instead of waiting for their timeout.
	 */
	Mono<Void> lost() {
		return this.connection.onErrorResume((error) -> Mono.never()).flatMap((open) -> Mono.<Void>create((sink) -> {
			ShutdownListener listener = (cause) -> sink.success();
			open.addShutdownListener(listener);
			sink.onDispose(() -> open.removeShutdownListener(listener));
			if (!open.isOpen()) {
				sink.success();
			}
		}));
	}

	/** Whether the latest connection is up; false while there is none. */
	boolean isOpen() {
		Connection latest = this.current.get();
		return latest != null && latest.isOpen();
	}

	/** A channel of the current connection, pooled when possible. */
	Mono<Channel> channel() {
		// Opening a channel and confirm.select are blocking RPCs: keep them off timer
		// threads.
		return this.connection.publishOn(Schedulers.boundedElastic()).map(this.channels::acquire);
	}

	/** Returns a channel after a clean send; anything else closes it. */
	void release(SignalType signal, Channel channel) {
		this.channels.release(signal, channel);
	}

	void close() {
		Connection open = this.current.getAndSet(null);
		if (open != null && open.isOpen()) {
			try {
				open.close(2000);
			}
			catch (Exception ex) {
				logger.debug("Closing the connection failed", ex);
			}
		}
	}

	private Mono<Connection> attempt() {
		long waitNanos = this.backoff.waitNanos(System.nanoTime());
		if (waitNanos > 0) {
			return Mono.error(new NotConnectedException(Duration.ofNanos(waitNanos)));
		}
		return Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic()).doOnError((error) -> {
			Duration wait = this.backoff.failed(System.nanoTime());
			logger.warn("Cannot connect to RabbitMQ at " + this.factory.getHost() + ":" + this.factory.getPort() + " ("
					+ error + "); next attempt in " + wait.toMillis() + " ms");
		}).doOnNext((connected) -> this.backoff.succeeded());
	}

	private Connection connect() throws Exception {
		Connection connection = this.factory.newConnection(this.connectionName);
		declareExchange(connection);
		connection.addShutdownListener((cause) -> {
			if (!cause.isInitiatedByApplication()) {
				logger.warn("RabbitMQ connection lost: " + cause.getMessage() + "; reconnecting on the next send");
			}
		});
		this.current.set(connection);
		logger.info("Connected to RabbitMQ at " + this.factory.getHost() + ":" + this.factory.getPort() + " as '"
				+ this.connectionName + "'");
		return connection;
	}

	/**
	 * Passive first, so an exchange the backend declared with its own arguments is used
	 * as it is; declared durable topic only when missing, so the simulator may start
	 * first.
	 */
	private void declareExchange(Connection connection) throws IOException {
		Channel passive = connection.createChannel();
		try {
			passive.exchangeDeclarePassive(this.exchange);
			ChannelPool.closeQuietly(passive);
		}
		catch (IOException missing) {
			Channel declaring = connection.createChannel();
			declaring.exchangeDeclare(this.exchange, BuiltinExchangeType.TOPIC, true);
			ChannelPool.closeQuietly(declaring);
		}
	}

	/** No connection now; the next attempt is due later. */
	static final class NotConnectedException extends IllegalStateException {

		NotConnectedException(Duration wait) {
			super("Not connected to RabbitMQ; next connection attempt in " + wait.toMillis() + " ms");
		}

	}

}
