package io.vehiclesmonitor.simulator.transport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One {@code POST /vehicles/{vin}/ping} per ping (batches are an AMQP feature); 202
 * counts as confirmed, any other status as refused, no answer as failed.
 */
public class HttpPingTransport implements PingTransport {

	private static final Log logger = LogFactory.getLog(HttpPingTransport.class);

	private final Set<Integer> refusals = ConcurrentHashMap.newKeySet();

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
			.exchangeToMono((response) -> response.releaseBody().then(Mono.fromSupplier(() -> {
				if (response.statusCode().isSameCodeAs(HttpStatus.ACCEPTED)) {
					return SendReport.confirmed(1);
				}
				// Say once per status why pings are refused (e.g. 404: a VIN the backend
				// does not know).
				if (this.refusals.add(response.statusCode().value())) {
					logger.warn("Backend answered " + response.statusCode() + " to a ping of " + vin
							+ "; counting such pings as nacked");
				}
				return SendReport.nacked(1);
			})))
			.timeout(this.timeout)
			.onErrorResume((error) -> Mono.just(SendReport.failed(1)));
	}

}
