package io.vehiclesmonitor.backend.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vehiclesmonitor.backend.support.TestUsers;

/**
 * TEST ONLY: reads {@code /vehicles/stream} over HTTP and turns events into short tokens
 * that tests can expect in order, whatever the batching: {@code row:VIN:STATUS} per
 * snapshot row, {@code snapshot:ID} when a snapshot is complete,
 * {@code change:ID:VIN:STATUS} per change, {@code counts:C:D} and {@code resync}.
 */
final class StreamClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebTestClient client;

	/** As the test admin, who sees every customer. */
	StreamClient(int port) {
		this(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
	}

	StreamClient(int port, String username, String password) {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders((headers) -> headers.setBasicAuth(username, password))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Every event, heartbeats included. */
	Flux<ServerSentEvent<String>> raw(String uri, String lastEventId) {
		return this.client.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).headers((headers) -> {
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		}).exchange().expectStatus().isOk().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
		}).getResponseBody();
	}

	Flux<String> tokens(String uri, String lastEventId) {
		return raw(uri, lastEventId).flatMapIterable(StreamClient::tokens);
	}

	/** Tokens without counts, whose place depends on how changes were batched. */
	Flux<String> changes(String uri, String lastEventId) {
		return tokens(uri, lastEventId).filter((token) -> !token.startsWith("counts:"));
	}

	static List<String> tokens(ServerSentEvent<String> event) {
		List<String> tokens = new ArrayList<>();
		if (event.event() == null) {
			return tokens;
		}
		JsonNode data = json.readTree(event.data());
		switch (event.event()) {
			case "snapshot" -> {
				data.get("vehicles")
					.forEach((v) -> tokens.add("row:" + v.get("vin").asString() + ":" + v.get("status").asString()));
				if (data.get("complete").asBoolean()) {
					tokens.add("snapshot:" + event.id());
				}
			}
			case "changes" -> data.get("changes")
				.forEach((c) -> tokens.add("change:" + c.get("id").asLong() + ":" + c.get("vin").asString() + ":"
						+ c.get("status").asString()));
			case "counts" ->
				tokens.add("counts:" + data.get("connected").asLong() + ":" + data.get("disconnected").asLong());
			default -> tokens.add(event.event());
		}
		return tokens;
	}

}
