package io.vehiclesmonitor.simulator.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PingMessageTests {

	@Test
	void aGroupIsSplitIntoBatchesOfAtMostTheBatchSize() {
		List<PingMessage> messages = PingMessage.split(List.of("A", "B", "C", "D", "E"), 2);

		assertThat(messages).extracting(PingMessage::vins)
			.containsExactly(List.of("A", "B"), List.of("C", "D"), List.of("E"));
		assertThat(PingMessage.split(List.of("A", "B"), 1)).hasSize(2);
	}

	@Test
	void aSinglePingAndABatchHaveTheContractsBodies() {
		assertThat(new String(PingBodies.encode(new PingMessage(List.of("1M8GDM9AXKP042788"))), StandardCharsets.UTF_8))
			.isEqualTo("{\"vin\":\"1M8GDM9AXKP042788\"}");
		assertThat(new String(PingBodies.encode(new PingMessage(List.of("1M8GDM9AXKP042788", "11111111111111111"))),
				StandardCharsets.UTF_8))
			.isEqualTo("{\"pings\":[{\"vin\":\"1M8GDM9AXKP042788\"},{\"vin\":\"11111111111111111\"}]}");
	}

	@Test
	void anEmptyMessageIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PingMessage(List.of()));
	}

}
