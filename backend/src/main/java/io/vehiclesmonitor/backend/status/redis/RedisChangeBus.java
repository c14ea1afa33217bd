package io.vehiclesmonitor.backend.status.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Change bus of the distributed run: the scripts append every change to the shard's
 * stream inside the transition itself, and each replica tails the stream with XREAD BLOCK
 * on its dedicated blocking connection, resuming from the last id it saw after any error
 * or reconnect. One tail per replica is shared by all its subscribers; a subscriber
 * without demand misses changes instead of stalling the tail for the others.
 */
public class RedisChangeBus implements ChangeBus {

	private static final Log logger = LogFactory.getLog(RedisChangeBus.class);

	private static final int READ_COUNT = 500;

	private static final Duration BLOCK = Duration.ofSeconds(1);

	private final RedisReactiveCommands<String, String> commands;

	private final RedisReactiveCommands<String, String> blocking;

	private final String stream;

	private final Flux<StatusChange> live;

	public RedisChangeBus(StatefulRedisConnection<String, String> commands,
			StatefulRedisConnection<String, String> blocking, RedisProperties redis) {
		this.commands = commands.reactive();
		this.blocking = blocking.reactive();
		this.stream = new RedisKeys(redis.keyPrefix(), 0).changes();
		this.live = Flux.defer(this::tail).share();
	}

	@Override
	public Flux<StatusChange> changes() {
		// per subscriber: the shared tail goes only as fast as its slowest subscriber
		return this.live.onBackpressureDrop();
	}

	private Flux<StatusChange> tail() {
		AtomicReference<String> last = new AtomicReference<>();
		// XREAD BLOCK waits inside Redis, on this bus's own connection; the reactive call
		// holds no JVM thread while it waits.
		Flux<StreamMessage<String, String>> reads = Flux
			.defer(() -> this.blocking.xread(XReadArgs.Builder.block(BLOCK).count(READ_COUNT),
					StreamOffset.from(this.stream, last.get())))
			.doOnNext((message) -> last.set(message.getId()))
			.repeat()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100))
				.maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry((signal) -> logger.warn("Change stream read failed, resuming: " + signal.failure())));
		return newestStreamId().doOnNext(last::set).thenMany(reads).mapNotNull(RedisChangeBus::toChange);
	}

	@Override
	public Flux<StatusChange> changesAfter(long id) {
		String from = StreamIds.toStreamId(id);
		return this.commands.xrange(this.stream, Range.unbounded(), Limit.create(0, 1))
			.next()
			.filter((oldest) -> StreamIds.toLong(oldest.getId()) <= id)
			.flatMapMany((retained) -> page(from));
	}

	private Flux<StatusChange> page(String after) {
		return this.commands
			.xrange(this.stream, Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded()),
					Limit.create(0, READ_COUNT))
			.collectList()
			.flatMapMany((messages) -> {
				Flux<StatusChange> changes = Flux.fromIterable(messages).mapNotNull(RedisChangeBus::toChange);
				return (messages.size() < READ_COUNT) ? changes
						: changes.concatWith(Flux.defer(() -> page(messages.get(messages.size() - 1).getId())));
			});
	}

	@Override
	public Mono<Long> lastId() {
		return newestStreamId().map(StreamIds::toLong);
	}

	private Mono<String> newestStreamId() {
		return this.commands.xrevrange(this.stream, Range.unbounded(), Limit.create(0, 1))
			.next()
			.map(StreamMessage::getId)
			.defaultIfEmpty("0-0");
	}

	/**
	 * Decodes an entry; a malformed one is logged and skipped, never stops the stream.
	 */
	static StatusChange toChange(StreamMessage<String, String> message) {
		try {
			Map<String, String> body = message.getBody();
			Status status = "C".equals(body.get("s")) ? Status.CONNECTED : Status.DISCONNECTED;
			return new StatusChange(StreamIds.toLong(message.getId()), body.get("v"), status,
					StateCodec.instant(body.get("a")), StateCodec.instant(body.get("l")));
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping malformed change entry " + message.getId() + ": " + ex);
			return null;
		}
	}

}
