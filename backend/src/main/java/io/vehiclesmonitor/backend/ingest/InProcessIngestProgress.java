package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.IngestProgress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Placeholder for the standalone run (the ingest feature owns the real one): in-process
 * ingestion has no backlog, so the watermark is the current time.
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
