package io.vehiclesmonitor.simulator.transport;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One {@code POST /vehicles/{vin}/ping} per ping (batches are an AMQP feature); 202
 * counts as confirmed, any other status as refused, no answer as failed.
 */
public class HttpPingTransport implements PingTransport {

	private final WebClient webClient;

	private final int concurrency;

	private final Duration timeout;

	/**
	 * @param webClient client whose base URL is the backend
	 * @param concurrency concurrent requests per send operation
	 * @param timeout timeout of one request
	 */
	public HttpPingTransport(WebClient webClient, int concurrency, Duration timeout) {
		this.webClient = webClient;
		this.concurrency = concurrency;
		this.timeout = timeout;
	}

	@Override
	public Mono<SendReport> send(List<PingMessage> messages) {
		return Flux.fromIterable(messages)
			.flatMapIterable(PingMessage::vins)
			.flatMap(this::ping, this.concurrency)
			.reduce(SendReport.NONE, SendReport::plus);
	}

	private Mono<SendReport> ping(String vin) {
		return this.webClient.post()
			.uri("/vehicles/{vin}/ping", vin)
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(response.statusCode().isSameCodeAs(HttpStatus.ACCEPTED) ? SendReport.confirmed(1)
						: SendReport.nacked(1)))
			.timeout(this.timeout)
			.onErrorResume((error) -> Mono.just(SendReport.failed(1)));
	}

}
