package io.vehiclesmonitor.backend.status;

import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for the fleet feature's {@link FleetSource} until the branches are merged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestFleetConfiguration {

	@Bean
	TestFleet testFleet() {
		return new TestFleet().register("YS2R4X20005399401", Duration.ofSeconds(70));
	}

}
