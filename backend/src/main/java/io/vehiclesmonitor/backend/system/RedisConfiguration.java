package io.vehiclesmonitor.backend.system;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Lettuce client of the distributed run and its connections: one shared connection
 * for commands and scripts, and a dedicated one for blocking stream reads, which would
 * otherwise stall every command queued behind them. Closed in order on shutdown
 * (connections before the client, by Spring's reverse dependency order).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
public class RedisConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(RedisProperties properties) {
		return createClient(properties);
	}

	@Bean(destroyMethod = "close")
	RedisConnections redisConnections(RedisClient redisClient) {
		return RedisConnections.open(redisClient);
	}

	/**
	 * A client that reconnects on its own and rejects commands while disconnected, so
	 * callers fail fast instead of piling up behind an outage.
	 */
	public static RedisClient createClient(RedisProperties properties) {
		RedisClient client = RedisClient.create(RedisURI.create(properties.uri()));
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
			.build());
		return client;
	}

	/**
	 * The two connections of one replica.
	 *
	 * @param commands shared connection for commands and scripts
	 * @param blocking dedicated connection for blocking reads
	 */
	public record RedisConnections(StatefulRedisConnection<String, String> commands,
			StatefulRedisConnection<String, String> blocking) implements AutoCloseable {

		public static RedisConnections open(RedisClient client) {
			return new RedisConnections(client.connect(), client.connect());
		}

		@Override
		public void close() {
			this.blocking.close();
			this.commands.close();
		}

	}

}
