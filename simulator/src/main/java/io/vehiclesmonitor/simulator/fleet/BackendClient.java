package io.vehiclesmonitor.simulator.fleet;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The backend's fleet and management API, as far as the simulator needs it.
 */
public class BackendClient {

	private static final Log logger = LogFactory.getLog(BackendClient.class);

	private final WebClient webClient;

	private final RetryBackoffSpec untilAnswered;

	private final Duration maxBackoff;

	/**
	 * @param webClient client whose base URL is the backend
	 * @param minBackoff first wait while the backend does not answer
	 * @param maxBackoff longest wait between attempts
	 */
	public BackendClient(WebClient webClient, Duration minBackoff, Duration maxBackoff) {
		this.webClient = webClient;
		this.maxBackoff = maxBackoff;
		// The backend may still be starting (the README starts both at once): keep
		// asking.
		this.untilAnswered = Retry.backoff(Long.MAX_VALUE, minBackoff)
			.maxBackoff(maxBackoff)
			.doBeforeRetry((signal) -> logger.warn("Backend not answering (attempt " + (signal.totalRetries() + 1)
					+ "): " + signal.failure() + "; retrying"));
	}

	/**
	 * Every registered vehicle; waits (with backoff) until the backend answers.
	 * @return the fleet
	 */
	public Mono<List<SimulatedVehicle>> registeredVehicles() {
		return this.webClient.get()
			.uri("/vehicles")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToFlux(VehicleJson.class)
			.map((vehicle) -> new SimulatedVehicle(vehicle.vin(), vehicle.regNr()))
			.collectList()
			.retryWhen(this.untilAnswered)
			// An empty fleet is a backend still seeding: ask again rather than ping
			// nobody.
			.filter((fleet) -> !fleet.isEmpty())
			.repeatWhenEmpty(Integer.MAX_VALUE, (attempts) -> attempts.concatMap((attempt) -> {
				logger.warn("Backend has no vehicles yet; asking again");
				return Mono.delay(this.maxBackoff);
			}));
	}

	/**
	 * Find or create a customer by name; waits until the backend answers.
	 * @param name unique customer name
	 * @param address postal address
	 * @return the customer's id
	 */
	public Mono<Long> customerId(String name, String address) {
		Mono<Long> existing = this.webClient.get()
			.uri("/customers")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToFlux(CustomerJson.class)
			.filter((customer) -> customer.name().equals(name))
			.map(CustomerJson::id)
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"Customer '" + name + "' exists (409) but is not listed by GET /customers")));
		return this.webClient.post()
			.uri("/customers")
			.bodyValue(new NewCustomer(name, address))
			.retrieve()
			.bodyToMono(CustomerJson.class)
			.map(CustomerJson::id)
			.onErrorResume(WebClientResponseException.Conflict.class, (conflict) -> existing)
			.retryWhen(this.untilAnswered.filter((error) -> !(error instanceof WebClientResponseException)));
	}

	/**
	 * Register a vehicle; an existing vehicle with this VIN counts as success.
	 * @param vehicle the vehicle
	 * @param customerId its owner
	 * @return true when the backend now knows the VIN
	 */
	public Mono<Boolean> register(SimulatedVehicle vehicle, long customerId) {
		return this.webClient.post()
			.uri("/vehicles")
			.bodyValue(new NewVehicle(vehicle.vin(), vehicle.regNr(), customerId))
			.retrieve()
			.toBodilessEntity()
			.thenReturn(true)
			// 409 also comes back when only the registration number is taken: check the
			// VIN.
			.onErrorResume(WebClientResponseException.Conflict.class, (conflict) -> exists(vehicle.vin()))
			.onErrorResume((error) -> {
				logger.warn("Could not register " + vehicle.vin() + ": " + error);
				return Mono.just(false);
			});
	}

	private Mono<Boolean> exists(String vin) {
		return this.webClient.get()
			.uri("/vehicles/{vin}", vin)
			.exchangeToMono(
					(response) -> response.releaseBody().thenReturn(response.statusCode().isSameCodeAs(HttpStatus.OK)));
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record VehicleJson(String vin, String regNr) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CustomerJson(Long id, String name) {
	}

	record NewCustomer(String name, String address) {
	}

	record NewVehicle(String vin, String regNr, long customerId) {
	}

}
