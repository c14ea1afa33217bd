package io.vehiclesmonitor.backend.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the shared RabbitMQ connection: DOWN while it is not open (never connected yet,
 * or being recovered after a failure).
 */
@Component("rabbitmqHealthIndicator")
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
class RabbitMqHealthIndicator implements HealthIndicator {

	private final RabbitMqConnection connection;

	private final RabbitMqProperties properties;

	RabbitMqHealthIndicator(RabbitMqConnection connection, RabbitMqProperties properties) {
		this.connection = connection;
		this.properties = properties;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.connection.isConnected() ? Health.up() : Health.down();
		return builder.withDetail("address", this.properties.host() + ":" + this.properties.port())
			.withDetail("connectionName", this.properties.connectionName())
			.build();
	}

}
