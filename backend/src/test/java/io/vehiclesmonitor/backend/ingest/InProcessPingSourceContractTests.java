package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.vehiclesmonitor.backend.ingest.InProcessPingSource.Outcome;
import io.vehiclesmonitor.backend.ingest.InProcessPingSource.QueueFullException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process source of the HTTP pings keeps the contract of the broker's queue; its
 * dead letters are the settlements its producers await. Beyond the contract: a full queue
 * refuses at once.
 */
class InProcessPingSourceContractTests extends PingSourceContractTests {

	private static final int CAPACITY = 10;

	private final InProcessPingSource source = new InProcessPingSource(CAPACITY, PREFETCH);

	private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();

	@Override
	PingSource source() {
		return this.source;
	}

	@Override
	void send(String body, String contentType, Instant timestamp) {
		IncomingMessage message = new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), contentType, Map.of(),
				timestamp);
		this.outcomes.put(body, this.source.offer(message).toFuture());
	}

	@Override
	void assertDeadLettered(String body, Rejection rejection) {
		assertThat(this.outcomes.get(body)).succeedsWithin(TIMEOUT).isEqualTo(new Outcome(rejection));
	}

	@Test
	void anOfferToAFullQueueFailsAtOnceAndAnAckSettlesTheProducer() {
		for (int i = 0; i < CAPACITY; i++) {
			send("m" + i, "application/json", Instant.now());
		}

		this.source.offer(new IncomingMessage(new byte[0], "application/json", Map.of(), Instant.now()))
			.as(StepVerifier::create)
			.expectError(QueueFullException.class)
			.verify(TIMEOUT);
		this.source.messages().take(1).concatMap((message) -> message.ack()).as(StepVerifier::create).verifyComplete();
		assertThat(this.outcomes.get("m0")).succeedsWithin(TIMEOUT).isEqualTo(Outcome.APPLIED);
	}

}
