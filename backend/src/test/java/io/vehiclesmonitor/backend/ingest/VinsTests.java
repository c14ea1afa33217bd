package io.vehiclesmonitor.backend.ingest;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VinsTests {

	@ParameterizedTest
	@ValueSource(strings = { "YS2R4X20005399401", "VLUR4X20009093588", "1HGCM82633A004352", "ABCDEFGHJKLMNPRSZ" })
	void acceptsSeventeenCharactersOfTheIsoAlphabet(String vin) {
		assertThat(Vins.isValid(vin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "YS2R4X2000539940", "YS2R4X200053994011", "YS2R4X2000539940I", "YS2R4X2000539940O",
			"YS2R4X2000539940Q", "ys2r4x20005399401", " YS2R4X2000539940", "YS2R4X20005399-01", "" })
	void refusesWrongLengthLettersIOQLowerCaseAndPunctuation(String vin) {
		assertThat(Vins.isValid(vin)).isFalse();
	}

	@Test
	void acceptsExactlyTheIsoAlphabetInEveryPosition() {
		Pattern iso = Pattern.compile("[A-HJ-NPR-Z0-9]");
		for (char c = 0; c < 0x300; c++) {
			for (int position : new int[] { 0, 8, 16 }) {
				StringBuilder vin = new StringBuilder("YS2R4X20005399401");
				vin.setCharAt(position, c);
				assertThat(Vins.isValid(vin.toString())).as("%s at %d", (int) c, position)
					.isEqualTo(iso.matcher(String.valueOf(c)).matches());
			}
		}
	}

	@Test
	void refusesNull() {
		assertThat(Vins.isValid(null)).isFalse();
	}

}
