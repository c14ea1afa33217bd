package io.vehiclesmonitor.simulator.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VinTests {

	@ParameterizedTest
	@ValueSource(strings = { "1M8GDM9AXKP042788", "1HGCM82633A004352", "11111111111111111", "5GZCZ43D13S812715" })
	void knownNorthAmericanVinsHaveAValidCheckDigit(String vin) {
		assertThat(Vin.hasValidCheckDigit(vin)).isTrue();
	}

	@Test
	void remainderTenIsWrittenAsX() {
		assertThat(Vin.checkDigit("1M8GDM9A0KP042788")).isEqualTo('X');
	}

	@ParameterizedTest
	@ValueSource(strings = { "1M8GDM9A1KP042788", "1HGCM82643A004352", "1M8GDM9AXKP042789" })
	void aWrongCheckDigitOrATypoIsDetected(String vin) {
		assertThat(Vin.isWellFormed(vin)).isTrue();
		assertThat(Vin.hasValidCheckDigit(vin)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1M8GDM9AXKP04278", "1M8GDM9AXKP0427888", "IM8GDM9AXKP042788", "1M8GDM9AXKPO42788",
			"1m8gdm9axkp042788", "" })
	void wrongLengthOrLettersOutsideIso3779AreNotWellFormed(String vin) {
		assertThat(Vin.isWellFormed(vin)).isFalse();
		assertThat(Vin.hasValidCheckDigit(vin)).isFalse();
	}

}
