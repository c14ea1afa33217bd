package io.vehiclesmonitor.backend.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broker connection and ping topology ({@code monitor.rabbitmq.*}), used in the
 * distributed run only.
 *
 * @param host broker host
 * @param port broker AMQP port
 * @param username broker user
 * @param password broker password
 * @param virtualHost broker virtual host
 * @param connectionName client-provided connection name, shown by the broker's tools
 * @param recoveryInterval pause between automatic connection recovery attempts
 * @param exchange durable topic exchange publishers send pings to
 * @param queue durable queue the backend consumes pings from
 * @param routingKey binding key of the queue on the exchange
 * @param deadLetterExchange fanout exchange receiving rejected messages
 * @param deadLetterQueue durable queue keeping rejected messages for inspection
 * @param heartbeat AMQP heartbeat requested from the broker; a dead or half-open peer is
 * detected after about two missed heartbeats, so the broker redelivers a dead consumer's
 * unacknowledged pings within about twice this (keep that below
 * {@code monitor.ingest.replica-ttl})
 */
@ConfigurationProperties("monitor.rabbitmq")
public record RabbitMqProperties(@DefaultValue("localhost") String host, @DefaultValue("5672") int port,
		@DefaultValue("guest") String username, @DefaultValue("guest") String password,
		@DefaultValue("/") String virtualHost, @DefaultValue("vehicles-monitor") String connectionName,
		@DefaultValue("2s") Duration recoveryInterval, @DefaultValue("vm.pings") String exchange,
		@DefaultValue("vm.pings") String queue, @DefaultValue("ping.#") String routingKey,
		@DefaultValue("vm.pings.dlx") String deadLetterExchange, @DefaultValue("vm.pings.dead") String deadLetterQueue,
		@DefaultValue("10s") Duration heartbeat) {
}
