package io.vehiclesmonitor.simulator;

import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import io.vehiclesmonitor.simulator.run.Simulation;

/**
 * Publishes vehicle pings for demos and load tests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SimulatorApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SimulatorApplication.class, args);
		// The process lives as long as the simulation: the main thread (not an event
		// loop) waits for it. Demo mode never completes; Ctrl-C closes the context.
		context.getBean(Simulation.class).run().block();
		System.exit(SpringApplication.exit(context));
	}

}
