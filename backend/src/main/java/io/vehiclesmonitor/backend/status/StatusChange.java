package io.vehiclesmonitor.backend.status;

import java.time.Instant;

/**
 * A status change, published exactly once across all replicas.
 *
 * @param id monotonically increasing change id, usable to resume a stream
 * @param vin the vehicle
 * @param status the new status
 * @param at when the change truly happened: the ping time for a connect, last seen plus
 * timeout (the deadline) for a disconnect
 * @param lastSeen the vehicle's last ping time, {@code null} if never seen
 */
public record StatusChange(long id, String vin, Status status, Instant at, Instant lastSeen) {
}
