package io.vehiclesmonitor.backend.ingest.amqp;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vehiclesmonitor.backend.ingest.IngestProperties;
import io.vehiclesmonitor.backend.ingest.PingSource;
import io.vehiclesmonitor.backend.system.RabbitMqProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.rabbitmq.BindingSpecification;
import reactor.rabbitmq.ConsumeOptions;
import reactor.rabbitmq.ExchangeSpecification;
import reactor.rabbitmq.QueueSpecification;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.RabbitFluxException;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;
import reactor.util.retry.Retry;

/**
 * Pings from the RabbitMQ queue. Declares the topology before consuming, consumes with
 * manual acknowledgements and a bounded prefetch, and re-subscribes with a growing delay
 * whenever the consumer fails or is cancelled, so the stream never ends while the backend
 * runs. Sender and receiver share the one connection of
 * {@link io.vehiclesmonitor.backend.system.RabbitMqConnection}.
 */
public final class RabbitPingSource implements PingSource, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RabbitPingSource.class);

	private final RabbitMqProperties rabbit;

	private final IngestProperties ingest;

	private final Sender sender;

	private final Receiver receiver;

	private final DeadLetters deadLetters;

	private final Mono<Channel> depthChannel;

	public RabbitPingSource(Mono<Connection> connection, RabbitMqProperties rabbit, IngestProperties ingest) {
		this.rabbit = rabbit;
		this.ingest = ingest;
		// Both reopened when closed: a channel error (a failed declare) would otherwise
		// poison them for good. Separate, since an AMQP channel runs one RPC at a time.
		Mono<Channel> managementChannel = reopening(connection);
		this.depthChannel = reopening(connection);
		this.sender = RabbitFlux.createSender(
				new SenderOptions().connectionMono(connection).resourceManagementChannelMono(managementChannel));
		this.receiver = RabbitFlux.createReceiver(new ReceiverOptions().connectionMono(connection));
		this.deadLetters = new DeadLetters(this.sender, rabbit.deadLetterExchange());
	}

	/** Declares exchanges, queues and bindings (idempotent). */
	public Mono<Void> declareTopology() {
		String dlx = this.rabbit.deadLetterExchange();
		return this.sender.declareExchange(ExchangeSpecification.exchange(dlx).type("fanout").durable(true))
			.then(this.sender.declareQueue(QueueSpecification.queue(this.rabbit.deadLetterQueue()).durable(true)))
			.then(this.sender.bindQueue(BindingSpecification.binding(dlx, "", this.rabbit.deadLetterQueue())))
			.then(this.sender
				.declareExchange(ExchangeSpecification.exchange(this.rabbit.exchange()).type("topic").durable(true)))
			.then(this.sender.declareQueue(QueueSpecification.queue(this.rabbit.queue())
				.durable(true)
				.arguments(Map.of("x-dead-letter-exchange", dlx))))
			.then(this.sender.bindQueue(BindingSpecification.binding(this.rabbit.exchange(), this.rabbit.routingKey(),
					this.rabbit.queue())))
			.then();
	}

	@Override
	public Flux<SourcedMessage> messages() {
		ConsumeOptions options = new ConsumeOptions().qos(this.ingest.prefetch())
			// An ack that fails on a broken channel is simply lost: the broker
			// redelivers.
			.exceptionHandler((context, ex) -> logger.warn("Acknowledgement failed: " + ex.getMessage()));
		// Each subscription consumes on a channel of its own, whose delivery tags its own
		// runs follow.
		return declareTopology().thenMany(Flux.defer(() -> {
			AckRuns<AcknowledgableDelivery> runs = new AckRuns<>((delivery) -> delivery.ack(true));
			return this.receiver.consumeManualAck(this.rabbit.queue(), options)
				.<SourcedMessage>map((delivery) -> new RabbitMessage(delivery, runs, this.deadLetters));
		}))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.ingest.retryBackoff())
				.maxBackoff(this.ingest.retryBackoffMax())
				.transientErrors(true)
				.doBeforeRetry((signal) -> logger
					.warn("Consuming from " + this.rabbit.queue() + " failed, retrying: " + signal.failure())))
			.repeatWhen((completions) -> completions.delayElements(this.ingest.retryBackoffMax()));
	}

	/**
	 * Messages ready in the ping queue, not counting those delivered but unacknowledged.
	 */
	public Mono<Long> queueDepth() {
		// A plain passive declare: through the Sender the client would record it for
		// topology recovery and re-declare the queue as non-durable after a reconnect.
		return this.depthChannel.map((channel) -> messageCount(channel, this.rabbit.queue()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public void close() {
		// Neither closes the shared connection: RabbitMqConnection owns it.
		this.receiver.close();
		this.sender.close();
	}

	private static Mono<Channel> reopening(Mono<Connection> connection) {
		return connection.map(RabbitPingSource::createChannel).cacheInvalidateIf((channel) -> !channel.isOpen());
	}

	private static long messageCount(Channel channel, String queue) {
		try {
			return channel.messageCount(queue);
		}
		catch (IOException ex) {
			throw new RabbitFluxException("Could not read the depth of " + queue, ex);
		}
	}

	private static Channel createChannel(Connection connection) {
		try {
			return connection.createChannel();
		}
		catch (IOException ex) {
			throw new RabbitFluxException("Could not create a channel", ex);
		}
	}

}
