package io.vehiclesmonitor.backend.system;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;
import io.vehiclesmonitor.backend.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared connection against the real broker (127.0.0.1:5672), reached through a proxy
 * this test can cut.
 */
class RabbitMqConnectionIntegrationTests {

	private final TcpProxy proxy = new TcpProxy("127.0.0.1", 5672);

	private final RabbitMqProperties properties = new RabbitMqProperties("127.0.0.1", this.proxy.port(), "guest",
			"guest", "/", "vm-connection-it-" + UUID.randomUUID(), Duration.ofMillis(200), "x", "x", "ping.#", "x.dlx",
			"x.dead", Duration.ofSeconds(10));

	private final RabbitMqConnection connection = new RabbitMqConnection(this.properties);

	private final RabbitMqHealthIndicator health = new RabbitMqHealthIndicator(this.connection, this.properties);

	@AfterEach
	void close() {
		this.connection.destroy();
		this.proxy.close();
	}

	@Test
	void isDownBeforeConnectingAndUpOnceConnected() {
		assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);

		this.connection.connection()
			.as(StepVerifier::create)
			.assertNext(
					(opened) -> assertThat(opened.getClientProvidedName()).isEqualTo(this.properties.connectionName()))
			.verifyComplete();

		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void everySubscriberSharesTheOneConnection() {
		Connection first = this.connection.connection().block(Duration.ofSeconds(10));
		Connection second = this.connection.connection().block(Duration.ofSeconds(10));
		assertThat(second).isSameAs(first);
	}

	@Test
	void isDownWhileTheNetworkIsCutAndRecoversOnItsOwn() {
		Connection opened = this.connection.connection().block(Duration.ofSeconds(10));

		this.proxy.dropConnections();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.health.health().getStatus().equals(Status.DOWN));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.health.health().getStatus().equals(Status.UP));
		assertThat(this.connection.connection().block(Duration.ofSeconds(1))).isSameAs(opened);
	}

	@Test
	void aFailedFirstAttemptIsNotCachedSoTheNextSubscriberTriesAgain() throws Exception {
		int port;
		try (ServerSocket reserved = new ServerSocket(0)) {
			port = reserved.getLocalPort();
		}
		RabbitMqConnection late = new RabbitMqConnection(
				new RabbitMqProperties("127.0.0.1", port, "guest", "guest", "/", "vm-late-it", Duration.ofMillis(200),
						"x", "x", "ping.#", "x.dlx", "x.dead", Duration.ofSeconds(10)));
		late.connection().as(StepVerifier::create).expectError().verify(Duration.ofSeconds(10));

		try (TcpProxy broker = new TcpProxy(port, "127.0.0.1", 5672)) {
			late.connection()
				.as(StepVerifier::create)
				.assertNext((opened) -> assertThat(opened.isOpen()).isTrue())
				.verifyComplete();
			late.destroy();
		}
	}

}
