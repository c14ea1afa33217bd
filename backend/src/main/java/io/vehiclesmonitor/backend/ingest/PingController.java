package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /vehicles/{vin}/ping}: one ping, received now. The body is optional (see
 * {@link HttpPingBody}). A valid request enters the same pipeline as the broker's pings
 * through the {@link InProcessPingSource}, and is answered once its ping is settled: 202
 * applied, 404 unknown vehicle, 400 refused; 503 with {@code Retry-After} when the queue
 * is full or the ping is not applied within {@code monitor.ingest.http-timeout}.
 */
@RestController
class PingController {

	private static final String RETRY_AFTER_SECONDS = "1";

	private final InProcessPingSource source;

	private final HttpPingBody body;

	private final IngestMetrics metrics;

	private final Clock clock;

	private final int maxBytes;

	private final Duration timeout;

	PingController(InProcessPingSource source, JsonMapper json, IngestProperties properties, IngestMetrics metrics,
			Clock clock) {
		this.source = source;
		this.body = new HttpPingBody(json);
		this.metrics = metrics;
		this.clock = clock;
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxMessageBytes().toBytes());
		this.timeout = properties.httpTimeout();
	}

	@PostMapping("/vehicles/{vin}/ping")
	Mono<ResponseEntity<Object>> ping(@PathVariable String vin, ServerHttpRequest request) {
		String path = request.getPath().value();
		return Mono.defer(() -> {
			if (!Vins.isValid(vin)) {
				throw new PingRefusedException(HttpStatus.BAD_REQUEST,
						new Rejection(RejectReason.INVALID_VIN, "not an ISO 3779 VIN: " + vin));
			}
			if (request.getHeaders().getContentLength() > this.maxBytes) {
				throw oversized();
			}
			return DataBufferUtils.join(request.getBody(), this.maxBytes)
				.map(PingController::bytes)
				.defaultIfEmpty(new byte[0])
				.onErrorMap(DataBufferLimitException.class, (ex) -> oversized());
		})
			.doOnNext((bytes) -> this.body.check(vin, request.getHeaders().getContentType(), bytes))
			.flatMap((bytes) -> enqueue(vin))
			.map((outcome) -> answer(vin, outcome, path))
			.onErrorResume(PingRefusedException.class, (ex) -> {
				// Counted here only when refused before the pipeline saw it; the pipeline
				// counts its own refusals.
				this.metrics.rejected(IngestMetrics.HTTP, ex.rejection().reason());
				return Mono.just(ex.toResponse(path));
			});
	}

	/** The ping in the broker's message format, stamped with the receive time. */
	private Mono<InProcessPingSource.Outcome> enqueue(String vin) {
		byte[] json = ("{\"vin\":\"" + vin + "\"}").getBytes(StandardCharsets.UTF_8);
		IncomingMessage message = new IncomingMessage(json, MediaType.APPLICATION_JSON_VALUE,
				Map.of(IncomingMessage.VERSION_HEADER, "1"), this.clock.instant());
		return this.source.offer(message)
			.timeout(this.timeout)
			.onErrorMap(InProcessPingSource.QueueFullException.class,
					(ex) -> overloaded("too many pings waiting; retry later"))
			.onErrorMap(TimeoutException.class, (ex) -> overloaded(
					"the ping was not applied within " + this.timeout + "; it stays queued, retrying is harmless"));
	}

	private ResponseEntity<Object> answer(String vin, InProcessPingSource.Outcome outcome, String path) {
		if (outcome.applied()) {
			return ResponseEntity.accepted().build();
		}
		HttpStatus status = (outcome.rejection().reason() == RejectReason.UNKNOWN_VEHICLE) ? HttpStatus.NOT_FOUND
				: HttpStatus.BAD_REQUEST;
		return new PingRefusedException(status, outcome.rejection()).toResponse(path);
	}

	private PingRefusedException overloaded(String detail) {
		return new PingRefusedException(HttpStatus.SERVICE_UNAVAILABLE, new Rejection(RejectReason.OVERLOADED, detail),
				RETRY_AFTER_SECONDS);
	}

	private PingRefusedException oversized() {
		return new PingRefusedException(HttpStatus.CONTENT_TOO_LARGE,
				new Rejection(RejectReason.OVERSIZED, "body exceeds " + this.maxBytes + " bytes"));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
