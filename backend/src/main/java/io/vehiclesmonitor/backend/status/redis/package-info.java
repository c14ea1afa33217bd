/**
 * Distributed status store and change bus on Redis: atomic Lua scripts per batch, a
 * deadline index for the sweep, and a stream of changes tailed by every replica. Key
 * layout in {@code docs/redis-keys.md}.
 */
package io.vehiclesmonitor.backend.status.redis;
