package io.vehiclesmonitor.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.simulator.SimulatorProperties.BehaviourKind;
import io.vehiclesmonitor.simulator.SimulatorProperties.FleetSource;
import io.vehiclesmonitor.simulator.SimulatorProperties.Mode;
import io.vehiclesmonitor.simulator.SimulatorProperties.Timing;
import io.vehiclesmonitor.simulator.SimulatorProperties.Transport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults in application.yml are the documented ones: a demo that pings the
 * registered fleet over AMQP, coin p = 0.5 every 60 s. Starting the context connects to
 * nothing.
 */
@SpringBootTest
class SimulatorPropertiesTests {

	@Autowired
	private SimulatorProperties properties;

	@Test
	void theDefaultsAreTheDocumentedDemo() {
		assertThat(this.properties.mode()).isEqualTo(Mode.DEMO);
		assertThat(this.properties.transport()).isEqualTo(Transport.AMQP);
		assertThat(this.properties.backendUrl()).isEqualTo("http://localhost:8080");
		assertThat(this.properties.behaviour()).isEqualTo(BehaviourKind.COIN);
		assertThat(this.properties.coin().probability()).isEqualTo(0.5);
		assertThat(this.properties.interval()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.properties.timing()).isEqualTo(Timing.SPREAD);
		assertThat(this.properties.seed()).isNull();
		assertThat(this.properties.fleet().source()).isEqualTo(FleetSource.REGISTERED);
		assertThat(this.properties.markov().meanOnline()).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.properties.load().batchSize()).isEqualTo(1);
		assertThat(this.properties.rabbitmq().host()).isEqualTo("127.0.0.1");
		assertThat(this.properties.rabbitmq().port()).isEqualTo(5672);
		assertThat(this.properties.rabbitmq().virtualHost()).isEqualTo("/");
		assertThat(this.properties.rabbitmq().exchange()).isEqualTo("vm.pings");
	}

}
