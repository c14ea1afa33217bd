package io.vehiclesmonitor.backend.status.memory;

import java.time.Instant;
import java.util.List;

import io.vehiclesmonitor.backend.status.MutableClock;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.Transition;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryChangeBusTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private final InMemoryChangeBus bus = new InMemoryChangeBus(
			new StatusProperties(StatusProperties.defaults().sweepInterval(), 10, 10, 3), new MutableClock(T0));

	private StatusChange publish(String vin) {
		return this.bus.publish(vin, new Transition(Status.CONNECTED, T0, T0));
	}

	@Test
	void idsGrowFromTheStartTimeAndLastIdIsZeroUntilTheFirstChange() {
		StepVerifier.create(this.bus.lastId()).expectNext(0L).verifyComplete();
		StatusChange first = publish("VIN00000000000001");
		StatusChange second = publish("VIN00000000000002");
		assertThat(first.id()).isEqualTo((T0.toEpochMilli() << 20) + 1);
		assertThat(second.id()).isEqualTo(first.id() + 1);
		StepVerifier.create(this.bus.lastId()).expectNext(second.id()).verifyComplete();
	}

	@Test
	void resumeReturnsRetainedChangesOrNothingWhenTheyWereTrimmed() {
		List<StatusChange> published = List.of(publish("VIN00000000000001"), publish("VIN00000000000002"),
				publish("VIN00000000000003"), publish("VIN00000000000004"));
		StepVerifier.create(this.bus.changesAfter(published.get(1).id()))
			.expectNextSequence(published.subList(2, 4))
			.verifyComplete();
		// retention is 3: the change after the first one is still there, after "none" it
		// is not
		StepVerifier.create(this.bus.changesAfter(published.get(0).id())).expectNextCount(3).verifyComplete();
		StepVerifier.create(this.bus.changesAfter(published.get(0).id() - 1)).verifyComplete();
	}

}
