package io.vehiclesmonitor.backend.ingest;

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
	void refusesNull() {
		assertThat(Vins.isValid(null)).isFalse();
	}

}
