package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.status.Ping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PingDecoderTests {

	private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

	private static final String VIN = "YS2R4X20005399401";

	private static final String OTHER_VIN = "VLUR4X20009093588";

	private final PingDecoder decoder = new PingDecoder(new JsonMapper(), IngestProperties.defaults());

	@Test
	void aSinglePingTakesTheAmqpTimestamp() {
		Instant sent = NOW.minusSeconds(3);
		Decoded decoded = this.decoder.decode(message("{\"vin\":\"" + VIN + "\"}", Map.of(), sent), NOW);
		assertThat(decoded)
			.isEqualTo(new Decoded.Valid(List.of(new Ping(VIN, sent)), List.of(ReceiveTime.Kind.AS_STAMPED)));
	}

	@Test
	void theMillisecondHeaderWinsOverTheSecondsPrecisionTimestamp() {
		Instant sent = NOW.minusMillis(1234);
		Map<String, String> headers = Map.of("x-vm-timestamp-ms", Long.toString(sent.toEpochMilli()), "x-vm-version",
				"1");
		Decoded decoded = this.decoder.decode(message("{\"vin\":\"" + VIN + "\"}", headers, NOW.minusSeconds(2)), NOW);
		assertThat(((Decoded.Valid) decoded).pings()).containsExactly(new Ping(VIN, sent));
	}

	@Test
	void aGatewayBatchCarriesSeveralPingsEachWithItsOwnOptionalTime() {
		String body = "{\"pings\":[{\"vin\":\"" + VIN + "\",\"at\":\"2026-11-28T14:59:00Z\"},{\"vin\":\"" + OTHER_VIN
				+ "\"}]}";
		Decoded decoded = this.decoder.decode(message(body, Map.of(), NOW.minusSeconds(1)), NOW);
		assertThat(((Decoded.Valid) decoded).pings()).containsExactly(
				new Ping(VIN, Instant.parse("2026-11-28T14:59:00Z")), new Ping(OTHER_VIN, NOW.minusSeconds(1)));
	}

	@Test
	void aTimeFarInTheFutureIsClampedAndAMissingOneIsNow() {
		String body = "{\"pings\":[{\"vin\":\"" + VIN + "\",\"at\":\"2026-11-28T16:00:00Z\"},{\"vin\":\"" + OTHER_VIN
				+ "\"}]}";
		Decoded.Valid decoded = (Decoded.Valid) this.decoder.decode(message(body, Map.of(), null), NOW);
		assertThat(decoded.pings()).containsExactly(new Ping(VIN, NOW), new Ping(OTHER_VIN, NOW));
		assertThat(decoded.times()).containsExactly(ReceiveTime.Kind.CLAMPED, ReceiveTime.Kind.MISSING);
	}

	@Test
	void refusesMalformedJson() {
		assertRefused(message("{\"vin\":", Map.of(), NOW), RejectReason.MALFORMED_JSON);
		assertRefused(message("[\"" + VIN + "\"]", Map.of(), NOW), RejectReason.MALFORMED_JSON);
		assertRefused(message("{\"pings\":[]}", Map.of(), NOW), RejectReason.MALFORMED_JSON);
		assertRefused(message("{\"pings\":[\"" + VIN + "\"]}", Map.of(), NOW), RejectReason.MALFORMED_JSON);
	}

	@Test
	void refusesAMissingVin() {
		assertRefused(message("{}", Map.of(), NOW), RejectReason.MISSING_VIN);
		assertRefused(message("{\"vin\":null}", Map.of(), NOW), RejectReason.MISSING_VIN);
	}

	@Test
	void refusesAnInvalidVinAndWithItTheWholeBatch() {
		assertRefused(message("{\"vin\":\"YS2R4X2000539940I\"}", Map.of(), NOW), RejectReason.INVALID_VIN);
		assertRefused(message("{\"vin\":12345678901234567}", Map.of(), NOW), RejectReason.INVALID_VIN);
		assertRefused(message("{\"pings\":[{\"vin\":\"" + VIN + "\"},{\"vin\":\"short\"}]}", Map.of(), NOW),
				RejectReason.INVALID_VIN);
	}

	@Test
	void refusesUnreadableTimes() {
		assertRefused(message("{\"vin\":\"" + VIN + "\",\"at\":\"yesterday\"}", Map.of(), NOW),
				RejectReason.INVALID_TIMESTAMP);
		assertRefused(message("{\"vin\":\"" + VIN + "\"}", Map.of("x-vm-timestamp-ms", "soon"), NOW),
				RejectReason.INVALID_TIMESTAMP);
	}

	@Test
	void refusesAnOversizedBody() {
		String body = "{\"vin\":\"" + VIN + "\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
		assertRefused(message(body, Map.of(), NOW), RejectReason.OVERSIZED);
	}

	@Test
	void refusesOtherContentTypesButAcceptsACharset() {
		byte[] body = ("{\"vin\":\"" + VIN + "\"}").getBytes(StandardCharsets.UTF_8);
		assertRefused(new IncomingMessage(body, "text/plain", Map.of(), NOW), RejectReason.UNSUPPORTED_CONTENT_TYPE);
		assertRefused(new IncomingMessage(body, null, Map.of(), NOW), RejectReason.UNSUPPORTED_CONTENT_TYPE);
		assertThat(
				this.decoder.decode(new IncomingMessage(body, "application/json; charset=utf-8", Map.of(), NOW), NOW))
			.isInstanceOf(Decoded.Valid.class);
	}

	@Test
	void refusesOtherContractVersions() {
		assertRefused(message("{\"vin\":\"" + VIN + "\"}", Map.of("x-vm-version", "2"), NOW),
				RejectReason.UNSUPPORTED_VERSION);
	}

	private void assertRefused(IncomingMessage message, RejectReason reason) {
		Decoded decoded = this.decoder.decode(message, NOW);
		assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, (invalid) -> {
			assertThat(invalid.rejection().reason()).isEqualTo(reason);
			assertThat(invalid.rejection().detail()).isNotBlank();
		});
	}

	private static IncomingMessage message(String body, Map<String, String> headers, Instant timestamp) {
		return new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), "application/json", headers, timestamp);
	}

}
