package io.vehiclesmonitor.simulator.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Invents vehicles with valid, unique VINs and unique registration numbers. Pure and
 * seedable: the same generator state gives the same fleet, so re-running with a seed
 * re-uses the vehicles registered before.
 */
public final class FleetGenerator {

	/** Registration letters avoid I, O and Q like the VIN alphabet does. */
	private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

	private final RandomGenerator random;

	public FleetGenerator(RandomGenerator random) {
		this.random = random;
	}

	/**
	 * Generate vehicles.
	 * @param size how many
	 * @return distinct vehicles (VINs and registration numbers unique within the list)
	 */
	public List<SimulatedVehicle> generate(int size) {
		if (size > PLATE_LETTERS.length() * PLATE_LETTERS.length() * PLATE_LETTERS.length() * 1000 / 2) {
			throw new IllegalArgumentException("Too many vehicles for ABC123-style plates: " + size);
		}
		Set<String> vins = new HashSet<>();
		Set<String> plates = new HashSet<>();
		List<SimulatedVehicle> vehicles = new ArrayList<>(size);
		while (vehicles.size() < size) {
			String vin = vin();
			String plate = plate();
			if (!vins.contains(vin) && !plates.contains(plate)) {
				vins.add(vin);
				plates.add(plate);
				vehicles.add(new SimulatedVehicle(vin, plate));
			}
		}
		return vehicles;
	}

	String vin() {
		StringBuilder vin = new StringBuilder(17);
		for (int i = 0; i < 17; i++) {
			vin.append(Vin.ALPHABET.charAt(this.random.nextInt(Vin.ALPHABET.length())));
		}
		vin.setCharAt(Vin.CHECK_DIGIT_INDEX, Vin.checkDigit(vin));
		return vin.toString();
	}

	String plate() {
		StringBuilder plate = new StringBuilder(6);
		for (int i = 0; i < 3; i++) {
			plate.append(PLATE_LETTERS.charAt(this.random.nextInt(PLATE_LETTERS.length())));
		}
		return plate.append("%03d".formatted(this.random.nextInt(1000))).toString();
	}

}
