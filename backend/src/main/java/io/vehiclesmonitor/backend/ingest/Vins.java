package io.vehiclesmonitor.backend.ingest;

/**
 * VIN syntax per ISO 3779: 17 characters of digits and capital letters except I, O and Q
 * (too easily mistaken for 1 and 0). The check digit is not verified: it is mandatory in
 * North America only, and European VINs such as our reference fleet's do not carry one.
 */
public final class Vins {

	private static final int LENGTH = 17;

	private Vins() {
	}

	/** Whether the text is a syntactically valid VIN (upper case, no padding). */
	public static boolean isValid(String vin) {
		if (vin == null || vin.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			if (!isVinCharacter(vin.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * {@code [A-HJ-NPR-Z0-9]}, without a regular expression: this runs for every ping.
	 */
	private static boolean isVinCharacter(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
	}

}
