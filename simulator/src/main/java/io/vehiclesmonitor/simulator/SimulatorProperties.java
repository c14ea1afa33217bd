package io.vehiclesmonitor.simulator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the simulator ({@code simulator.*}); {@code docs/simulator.md}
 * explains each one.
 *
 * @param mode {@code demo} runs forever, {@code load} runs for {@code load.duration}
 * @param transport how pings travel to the backend
 * @param backendUrl base URL of the backend (fleet, management API, HTTP pings)
 * @param behaviour which vehicles ping in a round
 * @param interval length of one round (the vehicles' ping interval)
 * @param timing when within a round the pings are sent
 * @param jitter random delay added to each vehicle's slot when timing is spread
 * @param seed seed of every random choice; {@code null} picks (and logs) a random seed
 * @param progressInterval how often a progress line is logged
 * @param maxInFlight how many send operations may be outstanding at once
 * @param coin settings of the coin behaviour
 * @param markov settings of the Markov behaviour
 * @param fleet where the vehicles come from
 * @param load settings of load mode
 * @param http settings of the HTTP transport and the backend client
 * @param rabbitmq settings of the AMQP transport
 */
@ConfigurationProperties("simulator")
public record SimulatorProperties(@DefaultValue("demo") Mode mode, @DefaultValue("amqp") Transport transport,
		@DefaultValue("http://localhost:8080") String backendUrl, @DefaultValue("coin") BehaviourKind behaviour,
		@DefaultValue("60s") Duration interval, @DefaultValue("spread") Timing timing,
		@DefaultValue("1s") Duration jitter, Long seed, @DefaultValue("10s") Duration progressInterval,
		@DefaultValue("64") int maxInFlight, @DefaultValue Coin coin, @DefaultValue Markov markov,
		@DefaultValue Fleet fleet, @DefaultValue Load load, @DefaultValue Http http, @DefaultValue Rabbitmq rabbitmq) {

	public enum Mode {

		DEMO, LOAD

	}

	public enum Transport {

		AMQP, HTTP

	}

	public enum BehaviourKind {

		COIN, MARKOV

	}

	public enum Timing {

		/** Each vehicle keeps its own slot in the round, plus jitter. */
		SPREAD,
		/** Every ping of a round leaves at the round boundary (bursts). */
		ALIGNED

	}

	public enum FleetSource {

		REGISTERED, GENERATED

	}

	/**
	 * @param probability chance that a vehicle pings in a round
	 */
	public record Coin(@DefaultValue("0.5") double probability) {
	}

	/**
	 * @param meanOnline mean length of an online stretch (exponentially distributed)
	 * @param meanOffline mean length of an offline stretch (exponentially distributed)
	 */
	public record Markov(@DefaultValue("10m") Duration meanOnline, @DefaultValue("2m") Duration meanOffline) {
	}

	/**
	 * @param source registered (read from the backend) or generated (and registered)
	 * @param size number of generated vehicles
	 * @param customers number of customers the generated vehicles are spread over
	 * @param registerConcurrency concurrent management API calls while registering
	 * @param register whether generated vehicles are registered first (off: a broker-only
	 * load test, whose pings the backend will reject as unknown)
	 * @param refresh how often demo mode reads the registered fleet again, so vehicles
	 * added in the backend start pinging ({@code 0} = never)
	 */
	public record Fleet(@DefaultValue("registered") FleetSource source, @DefaultValue("100") int size,
			@DefaultValue("5") int customers, @DefaultValue("8") int registerConcurrency,
			@DefaultValue("true") boolean register, @DefaultValue("5m") Duration refresh) {
	}

	/**
	 * @param rate target pings per second; 0 lets the fleet and behaviour set the pace
	 * @param duration how long load mode runs
	 * @param batchSize pings per AMQP message (1 = one ping per message)
	 * @param tick resolution of the send schedule
	 */
	public record Load(@DefaultValue("0") double rate, @DefaultValue("60s") Duration duration,
			@DefaultValue("1") int batchSize, @DefaultValue("100ms") Duration tick) {
	}

	/**
	 * @param concurrency concurrent HTTP requests per send operation
	 * @param timeout timeout of one HTTP request
	 * @param minBackoff first wait when the backend does not answer
	 * @param maxBackoff longest wait between attempts to reach the backend
	 * @param username backend user for the management API (reading the fleet needs
	 * OPERATOR, registering a generated fleet ADMIN); empty: no credentials
	 * @param password that user's password
	 * @param pingToken gateway token sent with every HTTP ping
	 * ({@code Authorization: Bearer}); the backend refuses pings without a vehicle or
	 * gateway token
	 */
	public record Http(@DefaultValue("32") int concurrency, @DefaultValue("5s") Duration timeout,
			@DefaultValue("1s") Duration minBackoff, @DefaultValue("30s") Duration maxBackoff, String username,
			String password, String pingToken) {

		/** Whether management API requests carry HTTP Basic credentials. */
		public boolean hasCredentials() {
			return this.username != null && !this.username.isBlank();
		}

	}

	/**
	 * @param host broker host
	 * @param port broker port
	 * @param username broker user
	 * @param password broker password
	 * @param virtualHost broker virtual host
	 * @param exchange topic exchange the pings go to
	 * @param connectionName client-provided connection name (shown by the broker)
	 * @param confirmTimeout how long to wait for publisher confirms before counting a
	 * message as failed
	 * @param minBackoff first wait before reconnecting
	 * @param maxBackoff longest wait between reconnection attempts
	 */
	public record Rabbitmq(@DefaultValue("127.0.0.1") String host, @DefaultValue("5672") int port,
			@DefaultValue("guest") String username, @DefaultValue("guest") String password,
			@DefaultValue("/") String virtualHost, @DefaultValue("vm.pings") String exchange,
			@DefaultValue("vm-simulator") String connectionName, @DefaultValue("10s") Duration confirmTimeout,
			@DefaultValue("1s") Duration minBackoff, @DefaultValue("30s") Duration maxBackoff) {
	}

}
