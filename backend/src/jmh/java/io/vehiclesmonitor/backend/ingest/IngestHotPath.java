package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH benchmarks of the in-JVM part of a ping's path, without any I/O: decoding and
 * validating a message ({@link PingDecoder}), the VIN check alone, and the whole
 * {@link IngestPipeline} (decode, validate, batch, settle) over in-memory messages with a
 * status engine that answers at once. Run by {@code IngestHotPathBenchmark} in the
 * {@code benchmarks} profile only; the figures are per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestHotPath {

	static final int PIPELINE_MESSAGES = 20_000;

	private final JsonMapper json = JsonMapper.builder().build();

	private PingDecoder decoder;

	private IncomingMessage single;

	private IncomingMessage batch;

	private List<PingSource.SourcedMessage> messages;

	private IngestPipeline pipeline;

	private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

	@Setup
	public void setUp() {
		IngestProperties properties = IngestProperties.defaults();
		this.decoder = new PingDecoder(this.json, properties);
		this.single = message("{\"vin\":\"" + vin(1) + "\"}");
		StringBuilder body = new StringBuilder("{\"pings\":[");
		for (int i = 0; i < 100; i++) {
			body.append((i > 0) ? "," : "").append("{\"vin\":\"").append(vin(i)).append("\"}");
		}
		this.batch = message(body.append("]}").toString());
		this.messages = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			this.messages.add(new Settled(message("{\"vin\":\"" + vin(i) + "\"}")));
		}
		PingProcessor instant = (pings) -> Mono.just(Collections.nCopies(pings.size(), PingResult.APPLIED));
		this.pipeline = new IngestPipeline(this.decoder, instant, properties,
				new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), IngestMetrics.AMQP, new PingsInFlight());
	}

	@Benchmark
	public Object decodeSinglePing() {
		return this.decoder.decode(this.single, this.now);
	}

	/** One message of 100 pings; divide by 100 for pings. */
	@Benchmark
	public Object decodeBatchOf100() {
		return this.decoder.decode(this.batch, this.now);
	}

	@Benchmark
	public boolean validateVin() {
		return Vins.isValid("YS2R4X20005399401");
	}

	/** Decode, validate, batch (200 / 20 ms), apply, ack: single-ping messages. */
	@Benchmark
	@OperationsPerInvocation(PIPELINE_MESSAGES)
	public void pipelineSinglePings() {
		this.pipeline.run(Flux.range(0, PIPELINE_MESSAGES).map((i) -> this.messages.get(i % this.messages.size())))
			.block();
	}

	private static IncomingMessage message(String body) {
		return new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), "application/json",
				Map.of(IncomingMessage.VERSION_HEADER, "1", IncomingMessage.TIMESTAMP_MS_HEADER, "1795870000000"),
				null);
	}

	private static String vin(int n) {
		return "GEN" + String.format("%014d", n);
	}

	/** A message whose settlement costs nothing. */
	private record Settled(IncomingMessage message) implements PingSource.SourcedMessage {

		@Override
		public Mono<Void> ack() {
			return Mono.empty();
		}

		@Override
		public Mono<Void> requeue() {
			return Mono.empty();
		}

		@Override
		public Mono<Void> reject(Rejection rejection) {
			return Mono.empty();
		}

	}

}
