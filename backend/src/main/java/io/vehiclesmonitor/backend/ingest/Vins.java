package io.vehiclesmonitor.backend.ingest;

import java.util.regex.Pattern;

/**
 * VIN syntax per ISO 3779: 17 characters of digits and capital letters except I, O and Q
 * (too easily mistaken for 1 and 0). The check digit is not verified: it is mandatory in
 * North America only, and European VINs such as our reference fleet's do not carry one.
 */
public final class Vins {

	private static final Pattern VIN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

	private Vins() {
	}

	/** Whether the text is a syntactically valid VIN (upper case, no padding). */
	public static boolean isValid(String vin) {
		return vin != null && VIN.matcher(vin).matches();
	}

}
