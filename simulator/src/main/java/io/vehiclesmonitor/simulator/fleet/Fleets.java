package io.vehiclesmonitor.simulator.fleet;

import java.util.List;
import java.util.random.RandomGenerator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the simulated vehicles come from: the backend's registered fleet, or a generated
 * fleet that is registered through the management API first.
 */
public class Fleets {

	private static final Log logger = LogFactory.getLog(Fleets.class);

	private final BackendClient backend;

	public Fleets(BackendClient backend) {
		this.backend = backend;
	}

	/**
	 * The vehicles registered in the backend (waits until it answers).
	 * @return the fleet
	 */
	public Mono<List<SimulatedVehicle>> registered() {
		return this.backend.registeredVehicles()
			.doOnNext((fleet) -> logger.info("Fleet: " + fleet.size() + " registered vehicles"));
	}

	/**
	 * Generate vehicles, spread them over simulated customers and register them.
	 * @param size number of vehicles
	 * @param customers number of customers
	 * @param concurrency concurrent management API calls
	 * @param random source of the VINs and plates (seeded for repeatable fleets)
	 * @return the vehicles the backend knows afterwards
	 */
	public Mono<List<SimulatedVehicle>> generated(int size, int customers, int concurrency, RandomGenerator random) {
		List<SimulatedVehicle> vehicles = new FleetGenerator(random).generate(size);
		return Flux.range(1, customers)
			.concatMap((n) -> this.backend.customerId("Simulated Customer %03d".formatted(n),
					"Simulatorvägen %d, 999 99 Simstad".formatted(n)))
			.collectList()
			.flatMapMany((customerIds) -> Flux.range(0, vehicles.size())
				.flatMapSequential(
						(i) -> this.backend.register(vehicles.get(i), customerIds.get(i % customerIds.size()))
							.filter(Boolean::booleanValue)
							.map((registered) -> vehicles.get(i)),
						concurrency))
			.collectList()
			.doOnNext((fleet) -> logger.info("Fleet: " + fleet.size() + " of " + size
					+ " generated vehicles registered with " + customers + " customers"));
	}

}
