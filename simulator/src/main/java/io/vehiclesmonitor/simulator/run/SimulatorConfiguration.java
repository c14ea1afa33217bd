package io.vehiclesmonitor.simulator.run;

import java.time.Clock;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.fleet.BackendClient;
import io.vehiclesmonitor.simulator.fleet.Fleets;
import io.vehiclesmonitor.simulator.transport.HttpPingTransport;
import io.vehiclesmonitor.simulator.transport.PingTransport;
import io.vehiclesmonitor.simulator.transport.amqp.AmqpPingTransport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the simulation from {@link SimulatorProperties}. The AMQP transport is a bean
 * with a close method, so the context closes its connection on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The management API client (fleet, customers, registration), with the configured
	 * user. Pings go through their own client with the gateway token instead: the ping
	 * endpoint takes vehicle credentials, not users (and a password hash per ping would
	 * cost the backend dearly).
	 */
	@Bean
	WebClient backendWebClient(SimulatorProperties properties) {
		WebClient.Builder builder = WebClient.builder().baseUrl(properties.backendUrl());
		SimulatorProperties.Http http = properties.http();
		if (http.hasCredentials()) {
			builder.defaultHeaders((headers) -> headers.setBasicAuth(http.username(),
					(http.password() != null) ? http.password() : ""));
		}
		return builder.build();
	}

	@Bean
	Fleets fleets(WebClient backendWebClient, SimulatorProperties properties) {
		return new Fleets(
				new BackendClient(backendWebClient, properties.http().minBackoff(), properties.http().maxBackoff()));
	}

	@Bean
	PingTransport pingTransport(SimulatorProperties properties, Clock clock) {
		WebClient.Builder pings = WebClient.builder().baseUrl(properties.backendUrl());
		String token = properties.http().pingToken();
		if (token != null && !token.isBlank()) {
			pings.defaultHeaders((headers) -> headers.setBearerAuth(token));
		}
		WebClient pingClient = pings.build();
		return switch (properties.transport()) {
			case AMQP -> new AmqpPingTransport(properties.rabbitmq(), Math.min(properties.maxInFlight(), 32), clock);
			case HTTP ->
				new HttpPingTransport(pingClient, properties.http().concurrency(), properties.http().timeout());
		};
	}

	@Bean
	SendStats sendStats() {
		return new SendStats();
	}

	@Bean
	Simulation simulation(SimulatorProperties properties, Fleets fleets, PingTransport pingTransport,
			SendStats sendStats) {
		return new Simulation(properties, fleets, pingTransport, sendStats);
	}

}
