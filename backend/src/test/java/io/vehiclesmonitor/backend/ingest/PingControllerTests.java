package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.ingest.InProcessPingSource.Outcome;
import io.vehiclesmonitor.backend.status.Ping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP endpoint over the real in-process source and pipeline, with a recording status
 * engine. One ping in flight and one waiting at most, so overload is easy to reach.
 */
@WebFluxTest(controllers = PingController.class, properties = { "monitor.ingest.prefetch=1",
		"monitor.ingest.http-queue-capacity=1", "monitor.ingest.http-timeout=2s" })
class PingControllerTests {

	private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

	private static final String REGISTERED = "YS2R4X20005399401";

	private static final String UNREGISTERED = "YS2R4X20005388011";

	@Autowired
	private WebTestClient client;

	@Autowired
	private RecordingPingProcessor processor;

	@Autowired
	private InProcessPingSource source;

	@Autowired
	private MeterRegistry meters;

	// The slice runs Boot's default security, not the application's chain (where pings
	// need no session): an authenticated client with a CSRF token gets through.
	@BeforeEach
	void authenticated() {
		this.client = this.client.mutateWith(mockUser()).mutateWith(csrf());
	}

	@BeforeEach
	void forgetEarlierPings() {
		this.processor.holdUntil(Mono.empty());
		this.processor.clear();
	}

	@Test
	void aPingWithoutBodyIsAcceptedAndStampedWithTheServersTime() {
		this.client.post().uri("/vehicles/{vin}/ping", REGISTERED).exchange().expectStatus().isAccepted();

		assertThat(this.processor.pings()).containsExactly(new Ping(REGISTERED, NOW));
	}

	@Test
	void anEmptyObjectOrOneRepeatingTheVinIsAccepted() {
		post(REGISTERED, MediaType.APPLICATION_JSON, "{}").expectStatus().isAccepted();
		post(REGISTERED, MediaType.APPLICATION_JSON, "{\"vin\":\"" + REGISTERED + "\"}").expectStatus().isAccepted();
	}

	@Test
	void anInvalidVinIsABadRequest() {
		problem(post("YS2R4X2000539940O", MediaType.APPLICATION_JSON, "{}"), HttpStatus.BAD_REQUEST, "invalid-vin");
		problem(post("abc", null, null), HttpStatus.BAD_REQUEST, "invalid-vin");
	}

	@Test
	void aBodyContradictingThePathOrCarryingItsOwnTimeIsABadRequest() {
		problem(post(REGISTERED, MediaType.APPLICATION_JSON, "{\"vin\":\"" + UNREGISTERED + "\"}"),
				HttpStatus.BAD_REQUEST, "invalid-vin");
		problem(post(REGISTERED, MediaType.APPLICATION_JSON, "{\"at\":\"2026-11-28T14:00:00Z\"}"),
				HttpStatus.BAD_REQUEST, "invalid-timestamp");
		problem(post(REGISTERED, MediaType.APPLICATION_JSON, "{\"vin\":"), HttpStatus.BAD_REQUEST, "malformed-json");
		assertThat(this.processor.pings()).isEmpty();
	}

	@Test
	void anUnregisteredVinIsNotFound() {
		problem(post(UNREGISTERED, null, null), HttpStatus.NOT_FOUND, "unknown-vehicle");
	}

	@Test
	void anOversizedBodyIsRefused() {
		String body = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
		problem(post(REGISTERED, MediaType.APPLICATION_JSON, body), HttpStatus.CONTENT_TOO_LARGE, "oversized");
		assertThat(this.processor.pings()).isEmpty();
	}

	@Test
	void anOversizedBodyStreamedWithoutContentLengthIsRefusedToo() {
		Flux<DataBuffer> chunks = Flux.range(0, 20)
			.map((i) -> DefaultDataBufferFactory.sharedInstance
				.wrap("x".repeat(4096).getBytes(StandardCharsets.UTF_8)));
		WebTestClient.ResponseSpec response = this.client.post()
			.uri("/vehicles/{vin}/ping", REGISTERED)
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, DataBuffer.class)
			.exchange();
		problem(response, HttpStatus.CONTENT_TOO_LARGE, "oversized");
		assertThat(this.processor.pings()).isEmpty();
	}

	@Test
	void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
		problem(post(REGISTERED, MediaType.TEXT_PLAIN, REGISTERED), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported-content-type");
	}

	@Test
	void httpPingsAreCountedByThePipelineUnderTheSourceHttp() {
		double accepted = httpCount("vm.ingest.pings.accepted", null);
		double unknown = httpCount("vm.ingest.pings.rejected", "unknown-vehicle");

		post(REGISTERED, null, null).expectStatus().isAccepted();
		post(UNREGISTERED, null, null).expectStatus().isNotFound();

		assertThat(httpCount("vm.ingest.pings.accepted", null)).isEqualTo(accepted + 1);
		assertThat(httpCount("vm.ingest.pings.rejected", "unknown-vehicle")).isEqualTo(unknown + 1);
	}

	@Test
	void aFullQueueIsServiceUnavailableAtOnceAndTheWaitingPingsAreAppliedLater() {
		Sinks.Empty<Void> gate = Sinks.empty();
		this.processor.holdUntil(gate.asMono());
		CompletableFuture<Outcome> inFlight = this.source.offer(message(REGISTERED)).toFuture();
		CompletableFuture<Outcome> waiting = this.source.offer(message(REGISTERED)).toFuture();

		WebTestClient.ResponseSpec refused = post(REGISTERED, null, null);

		problem(refused, HttpStatus.SERVICE_UNAVAILABLE, "overloaded");
		refused.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		gate.tryEmitEmpty();
		assertThat(inFlight).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Outcome.APPLIED);
		assertThat(waiting).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Outcome.APPLIED);
		assertThat(this.processor.pings()).hasSize(2);
	}

	@Test
	void aPingNotAppliedInTimeIsServiceUnavailableYetStaysQueuedAndIsAppliedLater() {
		Sinks.Empty<Void> gate = Sinks.empty();
		this.processor.holdUntil(gate.asMono());

		WebTestClient.ResponseSpec late = post(REGISTERED, null, null);

		problem(late, HttpStatus.SERVICE_UNAVAILABLE, "overloaded");
		late.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		assertThat(this.processor.pings()).isEmpty();
		gate.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.processor.pings().size() == 1);
	}

	private double httpCount(String name, String reason) {
		Search search = this.meters.find(name).tag("source", "http");
		Counter counter = ((reason != null) ? search.tag("reason", reason) : search).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static IncomingMessage message(String vin) {
		return new IncomingMessage(("{\"vin\":\"" + vin + "\"}").getBytes(StandardCharsets.UTF_8), "application/json",
				Map.of(), NOW);
	}

	private WebTestClient.ResponseSpec post(String vin, MediaType contentType, String body) {
		WebTestClient.RequestBodySpec request = this.client.post().uri("/vehicles/{vin}/ping", vin);
		if (contentType != null) {
			request.contentType(contentType);
		}
		return (body != null) ? request.bodyValue(body).exchange() : request.exchange();
	}

	private static void problem(WebTestClient.ResponseSpec response, HttpStatus status, String reason) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.reason")
			.isEqualTo(reason)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IngestProperties.class)
	static class Config {

		@Bean
		RecordingPingProcessor processor() {
			return new RecordingPingProcessor().register(REGISTERED);
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		IngestMetrics ingestMetrics(MeterRegistry registry) {
			return new IngestMetrics(registry);
		}

		@Bean
		InProcessPingSource inProcessPingSource(IngestProperties properties) {
			return new InProcessPingSource(properties.httpQueueCapacity(), properties.prefetch());
		}

		@Bean
		IngestConsumer httpIngestConsumer(JsonMapper json, RecordingPingProcessor processor,
				IngestProperties properties, IngestMetrics metrics, Clock clock, InProcessPingSource source) {
			return new IngestConsumer(new IngestPipeline(new PingDecoder(json, properties), processor, properties,
					metrics, clock, IngestMetrics.HTTP, new PingsInFlight()), source);
		}

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
