package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.util.List;

import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /vehicles/{vin}/ping}: one ping, received now. The body is optional (see
 * {@link HttpPingBody}); the ping goes straight to the status engine so the answer can
 * tell an unregistered VIN (404) from an accepted ping (202).
 */
@RestController
class PingController {

	private final PingProcessor processor;

	private final HttpPingBody body;

	private final IngestMetrics metrics;

	private final Clock clock;

	private final int maxBytes;

	PingController(PingProcessor processor, JsonMapper json, IngestProperties properties, IngestMetrics metrics,
			Clock clock) {
		this.processor = processor;
		this.body = new HttpPingBody(json);
		this.metrics = metrics;
		this.clock = clock;
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxMessageBytes().toBytes());
	}

	@PostMapping("/vehicles/{vin}/ping")
	Mono<ResponseEntity<Object>> ping(@PathVariable String vin, ServerHttpRequest request) {
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
			.flatMap((bytes) -> this.processor.apply(List.of(new Ping(vin, this.clock.instant()))))
			.map((results) -> accepted(vin, results.get(0)))
			.onErrorResume(PingRefusedException.class, (ex) -> {
				this.metrics.rejected(IngestMetrics.HTTP, ex.rejection().reason());
				return Mono.just(ex.toResponse(request.getPath().value()));
			});
	}

	private ResponseEntity<Object> accepted(String vin, PingResult result) {
		if (result == PingResult.UNKNOWN_VEHICLE) {
			throw new PingRefusedException(HttpStatus.NOT_FOUND,
					new Rejection(RejectReason.UNKNOWN_VEHICLE, "no registered vehicle has VIN " + vin));
		}
		this.metrics.accepted(IngestMetrics.HTTP, 1);
		return ResponseEntity.accepted().build();
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
