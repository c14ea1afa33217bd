package io.vehiclesmonitor.backend.stream;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * TEST ONLY: replaces the status engine's {@code ChangeBus} and {@code LiveStatus} with
 * {@link TestChangeBus}, for tests of the SSE protocol and the dashboard that need exact
 * change sequences on demand (a given vehicle Disconnected now, a burst of alternating
 * changes, retained changes aged out); the real engine decides changes by time, which
 * would make such sequences depend on timing. {@code @Primary} because the real engine's
 * beans exist too (its store keeps working underneath, unobserved).
 * <p>
 * Tests importing this must use their own database ({@link #OWN_DATABASE}): the history
 * writer persists the invented changes, which must not become the "last known state" of
 * the reference fleet in another context's shared {@code vm-test} database.
 */
@TestConfiguration(proxyBeanMethods = false)
class StreamTestConfiguration {

	private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	/** Properties pointing a context at the stream tests' own in-memory database. */
	static final String R2DBC_URL = "spring.r2dbc.url=r2dbc:h2:mem:///vm-stream" + OPTIONS;

	static final String FLYWAY_URL = "spring.flyway.url=jdbc:h2:mem:vm-stream" + OPTIONS;

	/**
	 * Waits until the feed counts the whole reference fleet: on a fresh database it is
	 * inserted and registered just after start-up, so a test must not race it (nor insert
	 * a customer first, which would make the seeder think the database was not empty).
	 */
	static void awaitReferenceFleet(ChangeFeed feed) {
		Flux.interval(Duration.ofMillis(50))
			.map((tick) -> feed.counts(null))
			.filter((counts) -> counts.connected() + counts.disconnected() >= 7)
			.next()
			.block(Duration.ofSeconds(60));
	}

	@Bean
	@Primary
	TestChangeBus testChangeBus() {
		return new TestChangeBus(1000);
	}

}
