package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Runs an endless schedule under virtual time for a window and returns what it emitted,
 * with the virtual time of each emission.
 */
final class VirtualTime {

	private VirtualTime() {
	}

	static <T> List<Emission<T>> collect(Supplier<Flux<T>> schedule, Duration window) {
		List<Emission<T>> emissions = new ArrayList<>();
		StepVerifier.withVirtualTime(() -> schedule.get().timestamp().take(window))
			.thenAwait(window)
			.thenConsumeWhile((timed) -> emissions.add(new Emission<>(timed.getT1(), timed.getT2())))
			.verifyComplete();
		return emissions;
	}

	/**
	 * @param atMillis virtual time of the emission
	 * @param value what was emitted
	 */
	record Emission<T>(long atMillis, T value) {
	}

}
