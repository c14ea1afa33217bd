package io.vehiclesmonitor.simulator.fleet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The VINs being simulated, updated when the registered fleet is read again. Vehicles
 * keep their place (and so their slot in the round and their Markov state); new ones are
 * appended, removed ones dropped.
 */
public final class FleetView implements Supplier<List<String>> {

	private final AtomicReference<List<String>> vins;

	public FleetView(List<String> initial) {
		this.vins = new AtomicReference<>(List.copyOf(new LinkedHashSet<>(initial)));
	}

	@Override
	public List<String> get() {
		return this.vins.get();
	}

	/**
	 * @param fresh the fleet as the backend lists it now
	 * @return how many vehicles were added
	 */
	public int update(List<String> fresh) {
		Set<String> current = new LinkedHashSet<>(fresh);
		List<String> previous = this.vins.get();
		List<String> merged = new ArrayList<>(previous);
		merged.retainAll(current);
		previous.forEach(current::remove);
		merged.addAll(current);
		this.vins.set(List.copyOf(merged));
		return current.size();
	}

}
