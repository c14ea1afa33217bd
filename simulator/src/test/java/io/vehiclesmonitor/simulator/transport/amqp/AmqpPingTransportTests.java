package io.vehiclesmonitor.simulator.transport.amqp;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.SendReport;

/**
 * Without a broker the transport neither throws nor hangs: it counts the pings as failed,
 * and while the backoff runs it does not even try to connect.
 */
class AmqpPingTransportTests {

	@Test
	void withoutABrokerEverySendIsCountedAsFailedAndNothingThrows() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SimulatorProperties.Rabbitmq settings = new SimulatorProperties.Rabbitmq("127.0.0.1", closedPort, "guest",
				"guest", "/", "vm.pings", "vm-simulator-unit", Duration.ofSeconds(2), Duration.ofSeconds(30),
				Duration.ofSeconds(60));
		List<PingMessage> messages = PingMessage.split(List.of("1M8GDM9AXKP042788", "1HGCM82633A004352"), 1);

		try (AmqpPingTransport transport = new AmqpPingTransport(settings, 2, Clock.systemUTC())) {
			transport.send(messages)
				.as(StepVerifier::create)
				.expectNext(SendReport.failed(2))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			// The 30 s backoff is running: this send fails at once, without a connection
			// attempt.
			transport.send(messages)
				.as(StepVerifier::create)
				.expectNext(SendReport.failed(2))
				.expectComplete()
				.verify(Duration.ofMillis(500));
		}
	}

}
