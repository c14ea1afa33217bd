package io.vehiclesmonitor.backend.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code after} cursor of {@code GET /vehicles}: the last VIN of a page, so
 * the next page is a keyset read and stays correct while vehicles are added or removed.
 * Opaque so that clients do not build them and we may change what is inside.
 */
final class PageCursor {

	private static final String VERSION = "v1:";

	private PageCursor() {
	}

	static String encode(String lastVin) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((VERSION + lastVin).getBytes(StandardCharsets.US_ASCII));
	}

	static String decode(String cursor) {
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			throw FleetProblems.invalidParameter("after", "is not a cursor of this API");
		}
		String vin = text.startsWith(VERSION) ? text.substring(VERSION.length()) : null;
		if (!Vin.isValid(vin)) {
			throw FleetProblems.invalidParameter("after", "is not a cursor of this API");
		}
		return vin;
	}

}
