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

	@Bean
	WebClient backendWebClient(SimulatorProperties properties) {
		return WebClient.builder().baseUrl(properties.backendUrl()).build();
	}

	@Bean
	Fleets fleets(WebClient backendWebClient, SimulatorProperties properties) {
		return new Fleets(
				new BackendClient(backendWebClient, properties.http().minBackoff(), properties.http().maxBackoff()));
	}

	@Bean
	PingTransport pingTransport(SimulatorProperties properties, WebClient backendWebClient, Clock clock) {
		return switch (properties.transport()) {
			case AMQP -> new AmqpPingTransport(properties.rabbitmq(), Math.min(properties.maxInFlight(), 32), clock);
			case HTTP ->
				new HttpPingTransport(backendWebClient, properties.http().concurrency(), properties.http().timeout());
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
