package io.vehiclesmonitor.simulator.transport.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.CorrelableOutboundMessage;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.RabbitFluxException;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.transport.PingBodies;
import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.PingTransport;
import io.vehiclesmonitor.simulator.transport.SendReport;

/**
 * Publishes pings to the {@code vm.pings} topic exchange with publisher confirms (Reactor
 * RabbitMQ). Each send operation is its own confirm stream on a pooled channel, so a
 * broken connection fails only the operations in flight: their unconfirmed pings are
 * counted as failed (when the connection goes down, or after the confirm timeout) and the
 * next send reconnects.
 */
public class AmqpPingTransport implements PingTransport, AutoCloseable {

	private static final Log logger = LogFactory.getLog(AmqpPingTransport.class);

	static final String TIMESTAMP_HEADER = "x-vm-timestamp-ms";

	static final String VERSION_HEADER = "x-vm-version";

	private final AmqpConnections connections;

	private final Sender sender;

	private final SendOptions sendOptions;

	private final String exchange;

	private final Duration confirmTimeout;

	private final Clock clock;

	private final AtomicBoolean healthy = new AtomicBoolean(true);

	/**
	 * @param settings broker address, exchange, timeouts and backoff
	 * @param channelPoolSize channels kept open for reuse
	 * @param clock source of the send time stamped on each message
	 */
	public AmqpPingTransport(SimulatorProperties.Rabbitmq settings, int channelPoolSize, Clock clock) {
		this.connections = new AmqpConnections(settings, channelPoolSize);
		this.sender = new Sender(new SenderOptions().connectionMono(this.connections.connection()));
		this.sendOptions = new SendOptions().channelMono(this.connections.channel())
			.channelCloseHandler(this.connections::release)
			// The default retries for 10 s on the publishing thread.
			.exceptionHandler(AmqpPingTransport::failInsteadOfRetrying);
		this.exchange = settings.exchange();
		this.confirmTimeout = settings.confirmTimeout();
		this.clock = clock;
	}

	@Override
	public Mono<SendReport> send(List<PingMessage> messages) {
		return Mono.defer(() -> {
			long pings = messages.stream().mapToLong(PingMessage::size).sum();
			AtomicLong confirmed = new AtomicLong();
			AtomicLong nacked = new AtomicLong();
			long sentAt = this.clock.millis();
			Flux<OutboundMessage> outbound = Flux.fromIterable(messages).map((message) -> outbound(message, sentAt));
			Mono<Void> sending = this.sender.sendWithPublishConfirms(outbound, this.sendOptions)
				.doOnNext((result) -> count(result, confirmed, nacked))
				.then();
			Mono<Void> connectionLost = this.connections.lost()
				.then(Mono.error(() -> new IllegalStateException("Connection lost before all confirms arrived")));
			return Mono.firstWithSignal(sending, connectionLost)
				// Confirms may also just never come: bound the wait.
				.timeout(this.confirmTimeout)
				.then(Mono.fromSupplier(() -> report(pings, confirmed, nacked, null)))
				.onErrorResume((error) -> Mono.just(report(pings, confirmed, nacked, error)));
		});
	}

	private void count(OutboundMessageResult<?> result, AtomicLong confirmed, AtomicLong nacked) {
		Outgoing outgoing = outgoing(result);
		if (result.isAck()) {
			confirmed.addAndGet(outgoing.pings());
		}
		// A message that never reached the broker, or whose channel died under it, is
		// reported as a nack by Reactor RabbitMQ: it failed, the broker refused nothing.
		else if (!outgoing.notPublished().get() && this.connections.isOpen()) {
			nacked.addAndGet(outgoing.pings());
		}
	}

	private static void failInsteadOfRetrying(Sender.SendContext<?> context, Exception error) {
		// Reactor RabbitMQ reports the message as a nack before failing the stream; it
		// never
		// reached the broker, so mark it to be counted as failed instead.
		if (context.getMessage() instanceof CorrelableOutboundMessage<?> message
				&& message.getCorrelationMetadata() instanceof Outgoing outgoing) {
			outgoing.notPublished().set(true);
		}
		throw new RabbitFluxException("Publishing failed", error);
	}

	@Override
	public Mono<Void> ready() {
		return this.connections.connection().then().onErrorResume((error) -> Mono.empty());
	}

	private SendReport report(long pings, AtomicLong confirmed, AtomicLong nacked, Throwable error) {
		SendReport report = new SendReport(confirmed.get(), nacked.get(), pings - confirmed.get() - nacked.get());
		if (error != null && this.healthy.compareAndSet(true, false)) {
			logger.warn("Publishing pings failed (" + error + "); counting them as failed until the broker is back");
		}
		else if (error == null && report.failed() == 0 && this.healthy.compareAndSet(false, true)) {
			logger.info("Publishing pings again");
		}
		return report;
	}

	OutboundMessage outbound(PingMessage message, long sentAtMillis) {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.timestamp(new Date(sentAtMillis))
			.headers(Map.of(TIMESTAMP_HEADER, sentAtMillis, VERSION_HEADER, 1))
			.build();
		String routingKey = (message.size() == 1) ? "ping." + message.vins().get(0) : "ping.batch";
		return new CorrelableOutboundMessage<>(this.exchange, routingKey, properties, PingBodies.encode(message),
				new Outgoing(message.size(), new AtomicBoolean()));
	}

	private static Outgoing outgoing(OutboundMessageResult<?> result) {
		return (Outgoing) ((CorrelableOutboundMessage<?>) result.getOutboundMessage()).getCorrelationMetadata();
	}

	/**
	 * What travels with each message through the confirm stream.
	 *
	 * @param pings pings in the message
	 * @param notPublished set when publishing it threw
	 */
	private record Outgoing(int pings, AtomicBoolean notPublished) {
	}

	@Override
	public void close() {
		this.sender.close();
		this.connections.close();
	}

}
