package io.vehiclesmonitor.simulator.fleet;

import java.util.regex.Pattern;

/**
 * Vehicle identification numbers: the ISO 3779 alphabet and the North-American check
 * digit (position 9), the one rule a generated VIN can honour without a real
 * manufacturer.
 */
public final class Vin {

	/** ISO 3779 forbids I, O and Q, which read like 1 and 0. */
	public static final String ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

	static final int CHECK_DIGIT_INDEX = 8;

	private static final Pattern WELL_FORMED = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");

	private static final int[] WEIGHTS = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };

	private Vin() {
	}

	/**
	 * Whether the text uses the ISO 3779 alphabet and length (the backend's rule).
	 * @param vin candidate
	 * @return true when well formed
	 */
	public static boolean isWellFormed(String vin) {
		return vin != null && WELL_FORMED.matcher(vin).matches();
	}

	/**
	 * Whether the VIN is well formed and carries the correct check digit.
	 * @param vin candidate
	 * @return true when valid
	 */
	public static boolean hasValidCheckDigit(String vin) {
		return isWellFormed(vin) && vin.charAt(CHECK_DIGIT_INDEX) == checkDigit(vin);
	}

	/**
	 * The check digit of a 17-character VIN; the character at position 9 is ignored.
	 * @param vin well-formed VIN (any character at the check position)
	 * @return '0'..'9' or 'X' (remainder 10)
	 */
	static char checkDigit(CharSequence vin) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
		}
		int remainder = sum % 11;
		return (remainder == 10) ? 'X' : (char) ('0' + remainder);
	}

	private static int transliterate(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		// Letters map to 1..9 in three runs; the gaps are the letters ISO 3779 forbids.
		return switch (c) {
			case 'A', 'J' -> 1;
			case 'B', 'K', 'S' -> 2;
			case 'C', 'L', 'T' -> 3;
			case 'D', 'M', 'U' -> 4;
			case 'E', 'N', 'V' -> 5;
			case 'F', 'W' -> 6;
			case 'G', 'P', 'X' -> 7;
			case 'H', 'Y' -> 8;
			case 'R', 'Z' -> 9;
			default -> throw new IllegalArgumentException("Not an ISO 3779 VIN character: " + c);
		};
	}

}
