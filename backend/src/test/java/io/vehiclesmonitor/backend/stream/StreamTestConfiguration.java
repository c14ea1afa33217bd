package io.vehiclesmonitor.backend.stream;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEST ONLY: the status engine's beans the stream needs, until the status branch is
 * merged.
 */
@TestConfiguration(proxyBeanMethods = false)
class StreamTestConfiguration {

	@Bean
	TestChangeBus testChangeBus() {
		return new TestChangeBus(1000);
	}

}
