package io.vehiclesmonitor.backend.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import io.vehiclesmonitor.backend.status.Status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading: its own bounded buffer overflows, it is told to resync and
 * its stream ends, while a client that keeps reading gets every change.
 */
@SpringBootTest(properties = { "monitor.stream.batch-size=1", "monitor.stream.client-buffer=4",
		"monitor.stream.batch-window=20ms", StreamTestConfiguration.R2DBC_URL, StreamTestConfiguration.FLYWAY_URL })
@Import(StreamTestConfiguration.class)
class VehicleStreamOverflowTests {

	private static final int CHANGES = 200;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	VehicleStream stream;

	@Autowired
	ChangeFeed feed;

	@Autowired
	TestChangeBus bus;

	@Autowired
	MeterRegistry meters;

	@Test
	void slowClientGetsResyncWhileFastClientMissesNothing() throws Exception {
		StreamTestConfiguration.awaitReferenceFleet(this.feed);
		long start = this.bus.lastId().block();
		CompletableFuture<Long> fastClient = this.stream.events(StreamFilter.ALL, start)
			.filter((event) -> ClientSession.CHANGES.equals(event.event()))
			.map((event) -> changeCount(event.data()))
			.scan(0L, Long::sum)
			.takeUntil((received) -> received == CHANGES)
			.last()
			.toFuture();
		this.stream.events(StreamFilter.ALL, null)
			.as((events) -> StepVerifier.create(events, 0))
			.then(() -> emitAndWaitUntilFanned(CHANGES))
			.thenRequest(Long.MAX_VALUE)
			.thenConsumeWhile((event) -> !ClientSession.RESYNC.equals(event.event()))
			.assertNext((event) -> assertThat(event.data()).isEqualTo(new Payloads.Resync("overflow")))
			.expectComplete()
			.verify(Duration.ofSeconds(15));
		assertThat(fastClient.get(15, TimeUnit.SECONDS)).isEqualTo(CHANGES);
		assertThat(this.meters.get("monitor.stream.overflows").counter().count()).isGreaterThanOrEqualTo(1);
	}

	/** Live batches arrive as shared JSON text, replays as payload objects. */
	private static int changeCount(Object data) {
		if (data instanceof Payloads.Changes changes) {
			return changes.changes().size();
		}
		return json.readTree((String) data).get("changes").size();
	}

	private void emitAndWaitUntilFanned(int changes) {
		CompletableFuture<Long> fanned = this.feed.batches()
			.flatMapIterable(ChangeBatch::items)
			.take(changes)
			.count()
			.toFuture();
		for (int i = 0; i < changes; i++) {
			this.bus.emit(VehicleStreamTests.ABC123, (i % 2 == 0) ? Status.CONNECTED : Status.DISCONNECTED);
		}
		assertThat(fanned).succeedsWithin(Duration.ofSeconds(10)).isEqualTo((long) changes);
	}

}
