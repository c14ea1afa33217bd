/**
 * Standalone status store and change bus: in-process, same semantics as the Redis ones.
 */
package io.vehiclesmonitor.backend.status.memory;
