package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vehiclesmonitor.backend.VehiclesMonitorApplication;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One full backend replica (the real application, profile {@code distributed}) on a
 * random port, plus a small blocking HTTP client for it. Test threads only.
 */
final class Replica implements AutoCloseable {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

	final String name;

	final ConfigurableApplicationContext context;

	final WebClient web;

	private Replica(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		this.web = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeaders(io.vehiclesmonitor.backend.support.TestUsers.admin())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
	}

	/**
	 * Starts the application; command-line arguments, so they win over every YAML file
	 * (the test one points at H2).
	 */
	static Replica start(String name, Map<String, Object> properties) {
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VehiclesMonitorApplication.class)
			.profiles("distributed")
			.run(args);
		return new Replica(name, context);
	}

	/** Pings this replica accepted from RabbitMQ so far. */
	double pingsAcceptedFromBroker() {
		Counter counter = this.context.getBean(MeterRegistry.class)
			.find("vm.ingest.pings.accepted")
			.tag("source", "amqp")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	boolean brokerConnected() {
		return this.context.getBean(RabbitMqConnection.class).isConnected();
	}

	/** The status of one Actuator health component, e.g. {@code rabbitmq}. */
	String health(String component) {
		String body = this.web.get()
			.uri("/actuator/health/" + component)
			.exchangeToMono((response) -> response.bodyToMono(String.class))
			.block(HTTP_TIMEOUT);
		return json.readTree(body).get("status").asString();
	}

	long createCustomer(String name, Integer intervalSeconds, Integer graceSeconds) {
		String body = "{\"name\":\"" + name
				+ "\",\"address\":\"Testvägen 1, 111 11 Stockholm\",\"pingIntervalSeconds\":" + intervalSeconds
				+ ",\"pingGraceSeconds\":" + graceSeconds + "}";
		JsonNode created = json.readTree(this.web.post()
			.uri("/customers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(String.class)
			.block(HTTP_TIMEOUT));
		return created.get("id").asLong();
	}

	/**
	 * Registers a new customer (named after {@code label}) owning {@code count} new
	 * vehicles with distinct random VINs, with the given heartbeat override
	 * ({@code null}: the global one); returns the VINs.
	 */
	List<String> registerFleet(String label, int count, Integer intervalSeconds, Integer graceSeconds) {
		long customer = createCustomer(label + " " + PingPublisher.randomVin(), intervalSeconds, graceSeconds);
		Set<String> vins = new LinkedHashSet<>();
		while (vins.size() < count) {
			vins.add(PingPublisher.randomVin());
		}
		List<String> registered = List.copyOf(vins);
		long imported = importVehicles(customer, registered);
		if (imported != count) {
			throw new IllegalStateException("imported " + imported + " of " + count + " vehicles");
		}
		return registered;
	}

	/** Bulk import over the REST API; returns how many were imported. */
	long importVehicles(long customerId, List<String> vins) {
		String rows = vins.stream()
			.map((vin) -> "{\"vin\":\"" + vin + "\",\"regNr\":\"E" + vin.substring(8) + "\",\"customerId\":"
					+ customerId + "}")
			.collect(Collectors.joining(",", "[", "]"));
		JsonNode report = json.readTree(this.web.post()
			.uri("/vehicles/import")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(rows)
			.retrieve()
			.bodyToMono(String.class)
			.block(HTTP_TIMEOUT));
		return report.get("imported").asLong();
	}

	/** {@code GET /vehicles} as NDJSON: the whole registry with live state. */
	Map<String, Live> vehicles() {
		List<String> lines = this.web.get()
			.uri("/vehicles")
			.accept(MediaType.APPLICATION_NDJSON)
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(HTTP_TIMEOUT);
		List<Live> rows = new ArrayList<>();
		for (String line : lines) {
			if (!line.isBlank()) {
				JsonNode node = json.readTree(line);
				rows.add(new Live(node.get("vin").asString(), node.get("status").asString(),
						instant(node.get("lastSeen")), instant(node.get("since"))));
			}
		}
		return rows.stream().collect(Collectors.toMap(Live::vin, (live) -> live));
	}

	static Instant instant(JsonNode node) {
		return (node == null || node.isNull()) ? null : Instant.parse(node.asString());
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** A vehicle as {@code GET /vehicles} shows it. */
	record Live(String vin, String status, Instant lastSeen, Instant since) {
	}

}
