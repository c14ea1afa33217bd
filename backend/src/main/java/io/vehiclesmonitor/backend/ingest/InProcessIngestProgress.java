package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.IngestProgress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Standalone ingest progress: pings are applied within moments of the HTTP request that
 * carries them and there is no broker to fall behind, so ingestion is caught up except
 * for the pings being applied right now ({@link PingsInFlight}).
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InProcessIngestProgress implements IngestProgress {

	private final Clock clock;

	private final PingsInFlight inFlight;

	InProcessIngestProgress(Clock clock, PingsInFlight inFlight) {
		this.clock = clock;
		this.inFlight = inFlight;
	}

	@Override
	public Instant watermark() {
		return this.inFlight.bound(this.clock.instant());
	}

}
