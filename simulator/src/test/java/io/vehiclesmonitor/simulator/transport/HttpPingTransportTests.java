package io.vehiclesmonitor.simulator.transport;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.StubBackend;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a local stub of the backend's ping endpoint.
 */
class HttpPingTransportTests {

	@Test
	void eachPingIsOnePostAndA202CountsAsConfirmed() {
		try (StubBackend backend = new StubBackend()) {
			HttpPingTransport transport = new HttpPingTransport(WebClient.create(backend.url()), 4,
					Duration.ofSeconds(5));
			List<String> vins = List.of("1M8GDM9AXKP042788", "1HGCM82633A004352", "11111111111111111");

			transport.send(PingMessage.split(vins, 2))
				.as(StepVerifier::create)
				.expectNext(SendReport.confirmed(3))
				.verifyComplete();

			assertThat(backend.pings()).containsExactlyInAnyOrderElementsOf(vins);
		}
	}

	@Test
	void aRefusedPingIsCountedAsNackedAndDoesNotStopTheOthers() {
		try (StubBackend backend = new StubBackend().pingStatus("11111111111111111", 404)) {
			HttpPingTransport transport = new HttpPingTransport(WebClient.create(backend.url()), 4,
					Duration.ofSeconds(5));

			transport.send(PingMessage.split(List.of("1M8GDM9AXKP042788", "11111111111111111"), 1))
				.as(StepVerifier::create)
				.expectNext(new SendReport(1, 1, 0))
				.verifyComplete();
		}
	}

	@Test
	void noBackendMeansFailedPingsNotAnError() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		HttpPingTransport transport = new HttpPingTransport(WebClient.create("http://127.0.0.1:" + closedPort), 4,
				Duration.ofSeconds(5));

		transport.send(PingMessage.split(List.of("1M8GDM9AXKP042788", "11111111111111111"), 1))
			.as(StepVerifier::create)
			.expectNext(SendReport.failed(2))
			.verifyComplete();
	}

	@Test
	void concurrencyIsBoundedSoSlowAnswersQueueUpInsteadOfPilingOnTheBackend() {
		try (StubBackend backend = new StubBackend().pingDelay(Duration.ofMillis(200))) {
			HttpPingTransport transport = new HttpPingTransport(WebClient.create(backend.url()), 2,
					Duration.ofSeconds(5));
			List<String> vins = java.util.Collections.nCopies(6, "1M8GDM9AXKP042788");

			// Two at a time, 200 ms each: six pings take three rounds.
			transport.send(PingMessage.split(vins, 1))
				.as(StepVerifier::create)
				.expectNext(SendReport.confirmed(6))
				.verifyComplete();
			assertThat(backend.pings()).hasSize(6);
			assertThat(backend.maxConcurrentPings()).isEqualTo(2);
		}
	}

}
