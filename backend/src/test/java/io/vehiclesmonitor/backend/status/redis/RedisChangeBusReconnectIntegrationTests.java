package io.vehiclesmonitor.backend.status.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.MutableClock;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.TestFleet;
import io.vehiclesmonitor.backend.system.RedisConfiguration;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import io.vehiclesmonitor.backend.support.TcpProxy;

/**
 * A replica that loses its Redis connection (cut by a local proxy) reconnects on its own
 * and still delivers every change published meanwhile, once, in order.
 */
class RedisChangeBusReconnectIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private final RedisTestSupport redis = new RedisTestSupport();

	private final TcpProxy proxy;

	private final RedisClient proxiedClient;

	RedisChangeBusReconnectIntegrationTests() throws Exception {
		RedisURI target = RedisURI.create(RedisTestSupport.URI);
		this.proxy = new TcpProxy(target.getHost(), target.getPort());
		this.proxy.start();
		this.proxiedClient = RedisConfiguration
			.createClient(new RedisProperties("redis://127.0.0.1:" + this.proxy.port(),
					this.redis.properties.keyPrefix(), 16384, Duration.ofSeconds(2)));
	}

	@AfterEach
	void cleanUp() {
		this.proxiedClient.shutdown();
		this.proxy.close();
		this.redis.deleteAllKeys();
		this.redis.close();
	}

	@Test
	void changesPublishedWhileDisconnectedArriveAfterTheReconnect() {
		RedisStatusStore store = new RedisStatusStore(this.redis.connection, this.redis.properties,
				StatusProperties.defaults(), new TestFleet(), new TestHistory(), new MutableClock(T0),
				new StatusMetrics(new SimpleMeterRegistry()));
		store.upsert(List.of(new RegisteredVehicle("RECO0000000000001", Duration.ofSeconds(70)),
				new RegisteredVehicle("RECO0000000000002", Duration.ofSeconds(70))))
			.block(Duration.ofSeconds(10));
		RedisChangeBus bus = new RedisChangeBus(this.proxiedClient.connect(), this.proxiedClient.connect(),
				this.redis.properties);

		StepVerifier.create(bus.changes().take(2).map(StatusChange::vin))
			.then(() -> Mono.delay(Duration.ofMillis(500))
				.then(store.apply(List.of(new Ping("RECO0000000000001", T0))))
				.subscribe())
			.expectNext("RECO0000000000001")
			.then(this.proxy::stop)
			.then(() -> store.apply(List.of(new Ping("RECO0000000000002", T0))).block(Duration.ofSeconds(10)))
			.then(() -> Mono.delay(Duration.ofSeconds(1)).doOnNext((tick) -> restartProxy()).subscribe())
			.expectNext("RECO0000000000002")
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	private void restartProxy() {
		this.proxy.start();
	}

}
