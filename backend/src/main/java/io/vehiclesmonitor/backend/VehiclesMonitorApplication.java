package io.vehiclesmonitor.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vehicles Monitor backend: fleet registry, status engine and live stream.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VehiclesMonitorApplication {

	public static void main(String[] args) {
		SpringApplication.run(VehiclesMonitorApplication.class, args);
	}

}
