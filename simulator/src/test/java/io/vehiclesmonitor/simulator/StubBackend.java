package io.vehiclesmonitor.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the backend's HTTP API (the backend lives in another module): fleet,
 * management API and ping endpoint, on a random local port. It records what it received
 * and can refuse to answer for a while, like a backend that is still starting.
 */
public final class StubBackend implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Long> customers = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> vehicles = new ConcurrentHashMap<>();

	private final Queue<String> pings = new ConcurrentLinkedQueue<>();

	private final AtomicLong nextCustomerId = new AtomicLong(1);

	private final AtomicInteger unavailableFor = new AtomicInteger();

	private final AtomicInteger fleetRequests = new AtomicInteger();

	private final Map<String, Integer> pingStatus = new ConcurrentHashMap<>();

	private final AtomicInteger concurrentPings = new AtomicInteger();

	private final AtomicInteger maxConcurrentPings = new AtomicInteger();

	private volatile Duration pingDelay = Duration.ZERO;

	private volatile String requiredAuthorization;

	private final AtomicInteger pingsWithCredentials = new AtomicInteger();

	private volatile String requiredPingToken;

	private final DisposableServer server;

	public StubBackend() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/vehicles", this.authenticated(this::fleet))
				.get("/vehicles/{vin}", this.authenticated(this::vehicle))
				.post("/vehicles/{vin}/ping", this::ping)
				.post("/vehicles", this.authenticated(this::registerVehicle))
				.get("/customers", this.authenticated(this::listCustomers))
				.post("/customers", this.authenticated(this::createCustomer)))
			.bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * The management API (everything but pings) answers 401 unless the request carries
	 * these HTTP Basic credentials, like the real backend.
	 */
	public StubBackend requireCredentials(String username, String password) {
		this.requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return this;
	}

	/** Pings that carried a user's HTTP Basic credentials (they must not). */
	public int pingsWithCredentials() {
		return this.pingsWithCredentials.get();
	}

	/** Pings not carrying this gateway token as {@code Authorization: Bearer} get 401. */
	public StubBackend requirePingToken(String token) {
		this.requiredPingToken = "Bearer " + token;
		return this;
	}

	private java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, org.reactivestreams.Publisher<Void>> authenticated(
			java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
		return (request, response) -> {
			String required = this.requiredAuthorization;
			if (required != null && !required.equals(request.requestHeaders().get("Authorization"))) {
				return response.status(HttpResponseStatus.UNAUTHORIZED).send();
			}
			return handler.apply(request, response);
		};
	}

	/** The next {@code requests} fleet requests get 503, as while the backend starts. */
	public StubBackend unavailableFor(int requests) {
		this.unavailableFor.set(requests);
		return this;
	}

	public StubBackend withVehicle(String vin, String regNr) {
		this.vehicles.put(vin, json.createObjectNode().put("vin", vin).put("regNr", regNr).put("customerId", 0));
		return this;
	}

	public StubBackend withCustomer(String name) {
		this.customers.put(name, this.nextCustomerId.getAndIncrement());
		return this;
	}

	/** Answer pings of this VIN with the given status instead of 202. */
	public StubBackend pingStatus(String vin, int status) {
		this.pingStatus.put(vin, status);
		return this;
	}

	public StubBackend pingDelay(Duration delay) {
		this.pingDelay = delay;
		return this;
	}

	public List<String> pings() {
		return List.copyOf(this.pings);
	}

	public Map<String, JsonNode> vehicles() {
		return Map.copyOf(this.vehicles);
	}

	public Map<String, Long> customers() {
		return Map.copyOf(this.customers);
	}

	/** The most ping requests the stub was answering at once. */
	public int maxConcurrentPings() {
		return this.maxConcurrentPings.get();
	}

	public int fleetRequests() {
		return this.fleetRequests.get();
	}

	private Mono<Void> fleet(HttpServerRequest request, HttpServerResponse response) {
		this.fleetRequests.incrementAndGet();
		if (this.unavailableFor.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send();
		}
		var array = json.createArrayNode();
		this.vehicles.values()
			.forEach((vehicle) -> array.addObject()
				.put("vin", vehicle.get("vin").asString())
				.put("regNr", vehicle.get("regNr").asString())
				.put("status", "DISCONNECTED")
				.putObject("customer")
				.put("id", vehicle.get("customerId").asLong())
				.put("name", "Someone")
				.put("address", "Somewhere"));
		return sendJson(response, array.toString());
	}

	private Mono<Void> vehicle(HttpServerRequest request, HttpServerResponse response) {
		JsonNode vehicle = this.vehicles.get(request.param("vin"));
		return (vehicle != null) ? sendJson(response, vehicle.toString())
				: response.status(HttpResponseStatus.NOT_FOUND).send();
	}

	private Mono<Void> ping(HttpServerRequest request, HttpServerResponse response) {
		String vin = request.param("vin");
		String authorization = request.requestHeaders().get("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			this.pingsWithCredentials.incrementAndGet();
		}
		if (this.requiredPingToken != null && !this.requiredPingToken.equals(authorization)) {
			return response.status(HttpResponseStatus.UNAUTHORIZED).send();
		}
		this.maxConcurrentPings.accumulateAndGet(this.concurrentPings.incrementAndGet(), Math::max);
		return Mono.delay(this.pingDelay).then(Mono.defer(() -> {
			this.pings.add(vin);
			this.concurrentPings.decrementAndGet();
			return response.status(this.pingStatus.getOrDefault(vin, 202)).send().then();
		}));
	}

	private Mono<Void> registerVehicle(HttpServerRequest request, HttpServerResponse response) {
		return body(request).flatMap((vehicle) -> {
			String vin = vehicle.get("vin").asString();
			String regNr = vehicle.get("regNr").asString();
			boolean taken = this.vehicles.containsKey(vin)
					|| this.vehicles.values().stream().anyMatch((other) -> other.get("regNr").asString().equals(regNr));
			if (taken) {
				return response.status(HttpResponseStatus.CONFLICT).send().then();
			}
			this.vehicles.put(vin, vehicle);
			return response.status(HttpResponseStatus.CREATED).send().then();
		});
	}

	private Mono<Void> listCustomers(HttpServerRequest request, HttpServerResponse response) {
		var array = json.createArrayNode();
		this.customers.forEach((name, id) -> array.addObject().put("id", id).put("name", name).put("address", "x"));
		return sendJson(response, array.toString());
	}

	private Mono<Void> createCustomer(HttpServerRequest request, HttpServerResponse response) {
		return body(request).flatMap((customer) -> {
			String name = customer.get("name").asString();
			if (this.customers.containsKey(name)) {
				return response.status(HttpResponseStatus.CONFLICT).send().then();
			}
			long id = this.nextCustomerId.getAndIncrement();
			this.customers.put(name, id);
			return sendJson(response.status(HttpResponseStatus.CREATED),
					"{\"id\":" + id + ",\"name\":\"" + name + "\"}");
		});
	}

	private static Mono<JsonNode> body(HttpServerRequest request) {
		return request.receive().aggregate().asString().map(json::readTree);
	}

	private static Mono<Void> sendJson(HttpServerResponse response, String body) {
		return response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
