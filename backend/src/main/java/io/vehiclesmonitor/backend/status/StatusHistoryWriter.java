package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Persists every change to {@code status_history}. Every replica writes every change it
 * sees and the primary key (the change id) drops the duplicates, which needs no leader
 * election. A slow database never holds back the live stream: changes are buffered and,
 * beyond the buffer, the oldest are dropped and counted.
 */
@Component
class StatusHistoryWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StatusHistoryWriter.class);

	private static final String INSERT = "INSERT INTO status_history (change_id, vin, status, changed_at, last_seen) "
			+ "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";

	private static final int BUFFER = 10_000;

	private static final int BATCH = 500;

	private final ChangeBus bus;

	private final DatabaseClient database;

	private final StatusMetrics metrics;

	private final UnwrittenChanges unwritten;

	private volatile Disposable subscription;

	StatusHistoryWriter(ChangeBus bus, DatabaseClient database, StatusMetrics metrics, UnwrittenChanges unwritten) {
		this.bus = bus;
		this.database = database;
		this.metrics = metrics;
		this.unwritten = unwritten;
	}

	@Override
	public void start() {
		this.subscription = this.bus.changes()
			.doOnNext(this.unwritten::received)
			.onBackpressureBuffer(BUFFER, (dropped) -> {
				this.unwritten.settled(dropped);
				this.metrics.error("history-overflow");
			}, BufferOverflowStrategy.DROP_OLDEST)
			.bufferTimeout(BATCH, Duration.ofSeconds(1), true)
			.concatMap((batch) -> write(batch).onErrorResume((ex) -> {
				logger.warn("Could not write " + batch.size() + " status changes to the history: " + ex);
				this.metrics.error("history");
				return Mono.empty();
			}).doFinally((signal) -> this.unwritten.settled(batch)))
			.subscribe();
	}

	/** Inserts the changes not yet stored; completes with how many were new. */
	Mono<Long> write(List<StatusChange> changes) {
		return this.database.inConnectionMany((connection) -> {
			Statement statement = connection.createStatement(INSERT);
			for (int i = 0; i < changes.size(); i++) {
				if (i > 0) {
					statement.add();
				}
				bind(statement, changes.get(i));
			}
			return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated);
		}).reduce(0L, Long::sum);
	}

	private static void bind(Statement statement, StatusChange change) {
		statement.bind(0, change.id()).bind(1, change.vin()).bind(2, change.status().name()).bind(3, utc(change.at()));
		if (change.lastSeen() != null) {
			statement.bind(4, utc(change.lastSeen()));
		}
		else {
			statement.bindNull(4, OffsetDateTime.class);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		this.subscription = null;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
