package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.IngestProgress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Standalone ingest progress: pings are applied within the HTTP request that carries them
 * and there is no broker to fall behind, so ingestion is always caught up.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InProcessIngestProgress implements IngestProgress {

	private final Clock clock;

	public InProcessIngestProgress(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Instant watermark() {
		return this.clock.instant();
	}

}
