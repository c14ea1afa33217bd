package io.vehiclesmonitor.backend.fleet;

import java.util.List;

/**
 * Application event published on this replica after vehicles were registered with the
 * status engine (added, moved, or their policy or customer changed) or removed from it,
 * so that views kept in memory (the live counts of the stream) follow the registry
 * without rereading all of it.
 *
 * @param registered VINs added or updated
 * @param removed VINs removed
 */
public record FleetChanged(List<String> registered, List<String> removed) {
}
