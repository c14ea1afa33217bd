package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.ingest.InMemoryPingSource.Message;
import io.vehiclesmonitor.backend.ingest.InMemoryPingSource.Settled;
import io.vehiclesmonitor.backend.ingest.InMemoryPingSource.Settlement;
import io.vehiclesmonitor.backend.status.Ping;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer pipeline over an in-memory source: the same logic runs over RabbitMQ.
 */
class IngestPipelineTests {

	private static final String KNOWN = "YS2R4X20005399401";

	private static final String OTHER_KNOWN = "VLUR4X20009093588";

	private static final String UNKNOWN = "YS2R4X20005388011";

	private final RecordingPingProcessor processor = new RecordingPingProcessor().register(KNOWN, OTHER_KNOWN);

	private final InMemoryPingSource source = new InMemoryPingSource(this.processor::applied);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PingsInFlight inFlight = new PingsInFlight();

	@Test
	void validPingsAreAppliedInBatchesAndOnlyThenAcknowledged() {
		List<Message> messages = List.of(ping(KNOWN), ping(OTHER_KNOWN), ping(KNOWN));

		run(pipeline(200));

		assertThat(this.processor.pings()).extracting(Ping::vin).containsExactly(KNOWN, OTHER_KNOWN, KNOWN);
		assertThat(this.processor.batches()).hasSize(1);
		for (Message message : messages) {
			assertThat(message.settlements()).singleElement().satisfies((settlement) -> {
				assertThat(settlement.how()).isEqualTo(Settled.ACKED);
				assertThat(settlement.appliedBefore()).isEqualTo(3);
			});
		}
		assertThat(this.meters.get("vm.ingest.pings.accepted").counter().count()).isEqualTo(3);
		assertThat(this.meters.get("vm.ingest.batch.size").summary().count()).isEqualTo(1);
	}

	@Test
	void everyBadMessageIsDeadLetteredWithItsReasonWhileTheGoodOnesAroundItAreApplied() {
		Message first = ping(KNOWN);
		Message malformed = this.source.add("{\"vin\":");
		Message missing = this.source.add("{\"vehicle\":\"" + KNOWN + "\"}");
		Message invalid = ping("YS2R4X2000539940O");
		Message unknown = ping(UNKNOWN);
		Message oversized = this.source.add("{\"vin\":\"" + KNOWN + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
		Message wrongType = this.source.add("{\"vin\":\"" + KNOWN + "\"}", "text/plain");
		Message last = ping(OTHER_KNOWN);

		run(pipeline(200));

		assertThat(this.processor.pings()).extracting(Ping::vin).containsExactly(KNOWN, UNKNOWN, OTHER_KNOWN);
		assertThat(first.settlements()).extracting(Settlement::how).containsExactly(Settled.ACKED);
		assertThat(last.settlements()).extracting(Settlement::how).containsExactly(Settled.ACKED);
		assertRejected(malformed, RejectReason.MALFORMED_JSON);
		assertRejected(missing, RejectReason.MISSING_VIN);
		assertRejected(invalid, RejectReason.INVALID_VIN);
		assertRejected(unknown, RejectReason.UNKNOWN_VEHICLE);
		assertRejected(oversized, RejectReason.OVERSIZED);
		assertRejected(wrongType, RejectReason.UNSUPPORTED_CONTENT_TYPE);
		assertThat(this.meters.get("vm.ingest.pings.rejected").tag("reason", "invalid-vin").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aBatchThatFailsToApplyIsRequeuedAndNothingOfItIsAcknowledged() {
		this.processor.failNext(1);
		List<Message> messages = List.of(ping(KNOWN), ping(OTHER_KNOWN));

		run(pipeline(200));

		assertThat(this.processor.applied()).isZero();
		for (Message message : messages) {
			assertThat(message.settlements()).extracting(Settlement::how).containsExactly(Settled.REQUEUED);
		}
	}

	@Test
	void aGatewayBatchSpanningSeveralBatchesIsSettledOnceAfterItsLastPing() {
		Message gateway = this.source.add("{\"pings\":[{\"vin\":\"" + KNOWN + "\"},{\"vin\":\"" + OTHER_KNOWN
				+ "\"},{\"vin\":\"" + KNOWN + "\"},{\"vin\":\"" + OTHER_KNOWN + "\"},{\"vin\":\"" + KNOWN + "\"}]}");

		run(pipeline(2));

		assertThat(this.processor.batches()).hasSize(3);
		assertThat(gateway.settlements()).singleElement().satisfies((settlement) -> {
			assertThat(settlement.how()).isEqualTo(Settled.ACKED);
			assertThat(settlement.appliedBefore()).isEqualTo(5);
		});
	}

	@Test
	void aGatewayBatchWithAnUnknownVehicleAppliesTheOthersAndIsDeadLettered() {
		Message gateway = this.source.add("{\"pings\":[{\"vin\":\"" + KNOWN + "\"},{\"vin\":\"" + UNKNOWN
				+ "\"},{\"vin\":\"" + OTHER_KNOWN + "\"}]}");

		run(pipeline(200));

		assertThat(this.processor.pings()).extracting(Ping::vin).containsExactly(KNOWN, UNKNOWN, OTHER_KNOWN);
		assertRejected(gateway, RejectReason.UNKNOWN_VEHICLE);
		assertThat(gateway.settlements().get(0).rejection().detail()).contains(UNKNOWN).doesNotContain(KNOWN);
	}

	@Test
	void aBatchTheStatusEngineNeverAnswersTimesOutAndIsRequeued() {
		this.processor.holdUntil(Mono.never());
		Message message = ping(KNOWN);

		run(pipeline(200));

		assertThat(message.settlements()).extracting(Settlement::how).containsExactly(Settled.REQUEUED);
	}

	@Test
	void futureTimestampsAreClampedAndMissingOnesStampedNowBothCounted() {
		Instant start = Instant.now();
		byte[] body = ("{\"vin\":\"" + KNOWN + "\"}").getBytes(StandardCharsets.UTF_8);
		this.source.add(new IncomingMessage(body, "application/json",
				Map.of("x-vm-timestamp-ms", Long.toString(start.plusSeconds(60).toEpochMilli())), null));
		this.source.add(new IncomingMessage(body, "application/json", Map.of(), null));

		run(pipeline(200));

		assertThat(this.processor.pings())
			.allSatisfy((ping) -> assertThat(ping.receivedAt()).isBetween(start, Instant.now()));
		assertThat(this.meters.get("vm.ingest.timestamps.clamped").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("vm.ingest.timestamps.missing").counter().count()).isEqualTo(1);
	}

	@Test
	void whileAMessageIsHeldTheWatermarkStaysBeforeItsOldestPingAndMovesOnOnceItIsSettled() {
		Instant received = Instant.parse("2026-11-28T15:00:00Z");
		byte[] body = ("{\"pings\":[{\"vin\":\"" + KNOWN + "\",\"at\":\"" + received.plusSeconds(1) + "\"},{\"vin\":\""
				+ OTHER_KNOWN + "\",\"at\":\"" + received + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		this.source.add(new IncomingMessage(body, "application/json", Map.of(), received.plusSeconds(1)));
		Instant later = received.plusSeconds(30);
		List<Instant> boundWhileApplying = new java.util.ArrayList<>();
		this.processor.holdUntil(Mono.fromRunnable(() -> boundWhileApplying.add(this.inFlight.bound(later))));

		run(pipeline(200));

		assertThat(boundWhileApplying).containsExactly(received.minusMillis(1));
		assertThat(this.inFlight.size()).isZero();
		assertThat(this.inFlight.bound(later)).isEqualTo(later);
	}

	@Test
	void aRequeuedMessageIsReleasedToo() {
		this.processor.failNext(1);
		ping(KNOWN);

		run(pipeline(200));

		assertThat(this.inFlight.size()).isZero();
	}

	private Message ping(String vin) {
		return this.source.add("{\"vin\":\"" + vin + "\"}");
	}

	private IngestPipeline pipeline(int maxBatch) {
		IngestProperties properties = new IngestProperties(50, maxBatch, Duration.ofMillis(20), 2,
				DataSize.ofKilobytes(64), Duration.ofSeconds(5), 1000, Duration.ofSeconds(1), Duration.ofMillis(10),
				Duration.ofMillis(50), Duration.ofMillis(500), 1000, Duration.ofSeconds(5), Duration.ofSeconds(30),
				Duration.ofMillis(100), Duration.ofMillis(100));
		return new IngestPipeline(new PingDecoder(new JsonMapper(), properties), this.processor, properties,
				new IngestMetrics(this.meters), Clock.systemUTC(), IngestMetrics.AMQP, this.inFlight);
	}

	private void run(IngestPipeline pipeline) {
		pipeline.run(this.source.messages()).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
	}

	private static void assertRejected(Message message, RejectReason reason) {
		assertThat(message.settlements()).singleElement().satisfies((settlement) -> {
			assertThat(settlement.how()).isEqualTo(Settled.REJECTED);
			assertThat(settlement.rejection().reason()).isEqualTo(reason);
		});
	}

}
