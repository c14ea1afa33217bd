package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vehiclesmonitor.backend.ingest.PingSource.SourcedMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PingSource} promises the ingest pipeline, whatever carries the
 * messages: delivery with the message's own properties, settlement exactly as asked, a
 * bound on unsettled deliveries, and a source that outlives its subscribers. Each
 * implementation runs this suite through a subclass that owns a fresh source per test.
 */
abstract class PingSourceContractTests {

	/** Unsettled deliveries the source under test may have in flight. */
	static final int PREFETCH = 3;

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** How long a source gets to deliver what it must not. */
	private static final Duration QUIET = Duration.ofMillis(500);

	/** Whole seconds: the AMQP timestamp property carries no more. */
	private static final Instant SENT_AT = Instant.parse("2026-11-28T15:00:00Z");

	/** The source under test, delivering at most {@link #PREFETCH} unsettled. */
	abstract PingSource source();

	/** Hands a message to the source the way its producers do, once it is accepted. */
	abstract void send(String body, String contentType, Instant timestamp) throws Exception;

	/** Asserts the message with this body was dead-lettered with this rejection. */
	abstract void assertDeadLettered(String body, Rejection rejection) throws Exception;

	@Test
	void aMessageIsDeliveredWithItsBodyContentTypeAndTimestamp() throws Exception {
		send("{\"vin\":\"YS2R4X20005399401\"}", "application/json; charset=utf-8", SENT_AT);

		source().messages()
			.concatMap((message) -> message.ack().thenReturn(message.message()))
			.as(StepVerifier::create)
			.assertNext((message) -> {
				assertThat(new String(message.body(), StandardCharsets.UTF_8))
					.isEqualTo("{\"vin\":\"YS2R4X20005399401\"}");
				assertThat(message.contentType()).isEqualTo("application/json; charset=utf-8");
				assertThat(message.timestamp()).isEqualTo(SENT_AT);
			})
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void anAcknowledgedMessageIsNeverDeliveredAgain() throws Exception {
		send("one");
		acking(new CopyOnWriteArrayList<>()).as(StepVerifier::create).expectNext("one").thenCancel().verify(TIMEOUT);

		send("two");

		List<String> seen = new CopyOnWriteArrayList<>();
		acking(seen).as(StepVerifier::create)
			.expectNext("two")
			.thenAwait(QUIET)
			.then(() -> assertThat(seen).containsExactly("two"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void aRequeuedMessageIsDeliveredAgain() throws Exception {
		send("one");
		List<String> seen = new CopyOnWriteArrayList<>();

		source().messages()
			.index()
			.concatMap((indexed) -> settle(indexed.getT2(), indexed.getT1() == 0))
			.doOnNext(seen::add)
			.as(StepVerifier::create)
			.expectNext("one", "one")
			.thenAwait(QUIET)
			.then(() -> assertThat(seen).containsExactly("one", "one"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void aRejectedMessageGoesToTheDeadLettersWithItsReasonAndNeverComesBack() throws Exception {
		Rejection rejection = new Rejection(RejectReason.MALFORMED_JSON, "refused by the contract test");
		send("bad");

		source().messages()
			.concatMap((message) -> message.reject(rejection).thenReturn(text(message)))
			.as(StepVerifier::create)
			.expectNext("bad")
			.thenCancel()
			.verify(TIMEOUT);

		assertDeadLettered("bad", rejection);
		send("good");
		acking(new CopyOnWriteArrayList<>()).as(StepVerifier::create).expectNext("good").thenCancel().verify(TIMEOUT);
	}

	@Test
	void noMoreThanPrefetchMessagesAreUnsettledAtOnce() throws Exception {
		sendNumbered(PREFETCH + 2);
		List<SourcedMessage> delivered = new CopyOnWriteArrayList<>();

		source().messages()
			.doOnNext(delivered::add)
			.as(StepVerifier::create)
			.expectNextCount(PREFETCH)
			.thenAwait(QUIET)
			.then(() -> assertThat(delivered).extracting(PingSourceContractTests::text)
				.containsExactly("m1", "m2", "m3"))
			.then(() -> delivered.get(0).ack().block(TIMEOUT))
			.expectNextCount(1)
			.thenAwait(QUIET)
			.then(() -> assertThat(delivered).extracting(PingSourceContractTests::text)
				.containsExactly("m1", "m2", "m3", "m4"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void messagesSettledOutOfOrderAreEachSettledAsAsked() throws Exception {
		sendNumbered(PREFETCH + 1);
		List<SourcedMessage> delivered = new CopyOnWriteArrayList<>();

		source().messages()
			.doOnNext(delivered::add)
			.as(StepVerifier::create)
			.expectNextCount(PREFETCH)
			// the newest first, then a requeue in the middle, the oldest last
			.then(() -> delivered.get(2).ack().block(TIMEOUT))
			.then(() -> delivered.get(1).requeue().block(TIMEOUT))
			.then(() -> delivered.get(0).ack().block(TIMEOUT))
			.expectNextCount(2)
			.then(() -> assertThat(delivered).extracting(PingSourceContractTests::text)
				.containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m2"))
			.then(() -> delivered.subList(3, 5).forEach((message) -> message.ack().block(TIMEOUT)))
			.thenCancel()
			.verify(TIMEOUT);

		List<String> seen = new CopyOnWriteArrayList<>();
		acking(seen).as(StepVerifier::create)
			.expectSubscription()
			.expectNoEvent(QUIET)
			.then(() -> assertThat(seen).as("everything was acknowledged").isEmpty())
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void theSourceOutlivesACancelledSubscriberWhoseUnsettledMessagesGoToTheNext() throws Exception {
		send("one");
		source().messages()
			.map(PingSourceContractTests::text)
			.as(StepVerifier::create)
			.expectNext("one")
			.thenCancel()
			.verify(TIMEOUT);

		send("two");

		List<String> seen = new CopyOnWriteArrayList<>();
		acking(seen).as(StepVerifier::create)
			.expectNextCount(2)
			.thenAwait(QUIET)
			.then(() -> assertThat(seen).containsExactlyInAnyOrder("one", "two"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	/** Sends "m1", "m2", ... up to "m{count}". */
	private void sendNumbered(int count) throws Exception {
		for (int i = 1; i <= count; i++) {
			send("m" + i);
		}
	}

	private void send(String body) throws Exception {
		send(body, "application/json", SENT_AT);
	}

	/**
	 * Every message's body, each acknowledged before it is emitted and recorded in
	 * {@code seen}.
	 */
	private Flux<String> acking(List<String> seen) {
		return source().messages().concatMap((message) -> settle(message, false)).doOnNext(seen::add);
	}

	private static Flux<String> settle(SourcedMessage message, boolean requeue) {
		return (requeue ? message.requeue() : message.ack()).thenReturn(text(message)).flux();
	}

	static String text(SourcedMessage message) {
		return new String(message.message().body(), StandardCharsets.UTF_8);
	}

}
