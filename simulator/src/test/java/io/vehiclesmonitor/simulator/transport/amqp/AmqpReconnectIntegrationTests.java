package io.vehiclesmonitor.simulator.transport.amqp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.SendReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker kills the publisher's connection mid-stream ({@code rabbitmqctl
 * close_connection} on the publisher's own named connection; the shared broker itself is
 * never stopped). The publisher must not fail, must count what it lost, and must go on
 * publishing on a new connection.
 */
class AmqpReconnectIntegrationTests {

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String exchange = "vm.pings.test-" + this.run;

	private final String queue = this.exchange + ".all";

	private final String connectionName = "vm-simulator-test-" + this.run;

	private Connection connection;

	private Channel channel;

	private AmqpPingTransport transport;

	@BeforeEach
	void bindAQueueAndStartThePublisher() throws Exception {
		this.connection = new ConnectionFactory().newConnection("vm-simulator-test-reader-" + this.run);
		this.channel = this.connection.createChannel();
		this.channel.exchangeDeclare(this.exchange, "topic", true);
		this.channel.queueDeclare(this.queue, false, false, true, null);
		this.channel.queueBind(this.queue, this.exchange, "ping.#");
		this.transport = new AmqpPingTransport(
				AmqpPublisherIntegrationTests.settings(this.exchange, this.connectionName), 4, Clock.systemUTC());
	}

	@AfterEach
	void cleanUp() throws Exception {
		this.transport.close();
		this.channel.queueDelete(this.queue);
		this.channel.exchangeDelete(this.exchange);
		this.connection.close();
	}

	@Test
	void aConnectionClosedByTheBrokerCostsOnlyTheMessagesInFlightAndPublishingGoesOn() throws Exception {
		List<PingMessage> chunk = IntStream.range(0, 1000)
			.mapToObj((i) -> new PingMessage(List.of("1M8GDM9AXKP042788")))
			.toList();
		this.transport.send(chunk).as(StepVerifier::create).expectNext(SendReport.confirmed(1000)).verifyComplete();
		String firstConnection = connectionPid();

		// Keep sends of 1000 messages in flight; the broker kills the connection
		// after
		// 1 s and sending goes on until 3 s after rabbitmqctl returned (it may be slow).
		AtomicBoolean killed = new AtomicBoolean();
		Mono<Void> killer = Mono.delay(Duration.ofSeconds(1))
			.then(Mono
				.fromRunnable(() -> rabbitmqctl("close_connection", firstConnection, "simulator test: forced close"))
				.subscribeOn(Schedulers.boundedElastic()))
			.doOnSuccess((done) -> killed.set(true))
			.then()
			.cache();
		List<SendReport> reports = Collections.synchronizedList(new ArrayList<>());
		List<SendReport> afterKill = Collections.synchronizedList(new ArrayList<>());
		Flux<SendReport> sending = Flux.interval(Duration.ofMillis(25))
			.onBackpressureDrop()
			.takeUntilOther(killer.then(Mono.delay(Duration.ofSeconds(3))))
			.flatMap((tick) -> {
				boolean startedAfterKill = killed.get();
				return this.transport.send(chunk)
					.doOnNext((report) -> (startedAfterKill ? afterKill : reports).add(report));
			}, 4);
		Flux.merge(sending, killer.then(Mono.empty())).then().as(StepVerifier::create).verifyComplete();

		SendReport beforeKill = reports.stream().reduce(SendReport.NONE, SendReport::plus);
		SendReport after = afterKill.stream().reduce(SendReport.NONE, SendReport::plus);
		SendReport total = beforeKill.plus(after);
		long sent = 1000L * (reports.size() + afterKill.size());
		LogFactory.getLog(getClass()).info("Forced close: before " + beforeKill + ", after " + after);
		assertThat(total.total()).as("every ping is accounted for").isEqualTo(sent);
		assertThat(total.failed()).as("the pings in flight when the connection died").isPositive();
		assertThat(total.nacked()).as("the broker refused nothing; lost is not refused").isZero();
		assertThat(beforeKill.confirmed()).as("publishing before the close").isPositive();
		assertThat(after.confirmed()).as("publishing went on after the close").isPositive();
		// Confirmed pings are in the queue; failed ones may or may not have made it.
		long arrived = this.channel.queueDeclarePassive(this.queue).getMessageCount() - 1000;
		assertThat(arrived).isBetween(total.confirmed(), total.confirmed() + total.failed());

		// A new connection with the same name serves the next send.
		this.transport.send(chunk).as(StepVerifier::create).expectNext(SendReport.confirmed(1000)).verifyComplete();
		assertThat(connectionPid()).isNotEqualTo(firstConnection);
	}

	private String connectionPid() {
		String marker = "\"connection_name\",\"" + this.connectionName + "\"";
		List<String> pids = rabbitmqctl("list_connections", "-q", "pid", "client_properties").stream()
			.filter((line) -> line.contains(marker))
			.map((line) -> line.split("\t")[0])
			.toList();
		assertThat(pids).as("the publisher's open connections").hasSize(1);
		return pids.get(0);
	}

	private static List<String> rabbitmqctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> lines;
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				lines = output.lines().toList();
			}
			assertThat(process.waitFor()).as("rabbitmqctl %s: %s", arguments[0], lines).isZero();
			return lines;
		}
		catch (Exception ex) {
			throw new IllegalStateException("rabbitmqctl failed", ex);
		}
	}

}
