package io.vehiclesmonitor.backend.status;

import java.time.Instant;

/**
 * How far ingestion has caught up. The sweep never declares a vehicle stale beyond this
 * watermark, so an outage or backlog of our own never blames vehicles.
 */
public interface IngestProgress {

	/**
	 * The instant up to which every ping that reached the system has been applied to the
	 * live state. Equal to the current time when ingestion is healthy and caught up;
	 * frozen while the broker is unreachable or the backlog is above its threshold.
	 */
	Instant watermark();

}
