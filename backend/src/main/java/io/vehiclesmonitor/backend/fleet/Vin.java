package io.vehiclesmonitor.backend.fleet;

import java.util.regex.Pattern;

/**
 * Vehicle identification numbers as ISO 3779 defines their alphabet: 17 digits or capital
 * letters, never I, O or Q (they read like 1 and 0). The database checks the same rule.
 */
final class Vin {

	private static final Pattern FORMAT = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

	private Vin() {
	}

	static boolean isValid(String vin) {
		return vin != null && FORMAT.matcher(vin).matches();
	}

	static String require(String vin) {
		if (!isValid(vin)) {
			throw FleetProblems.invalidVin(vin);
		}
		return vin;
	}

}
