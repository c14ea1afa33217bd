package io.vehiclesmonitor.backend.status;

import java.time.Instant;

/**
 * One heartbeat of one vehicle, stamped with the time a trusted edge received it (the
 * HTTP endpoint's receive time, or the AMQP timestamp of a trusted publisher, already
 * checked against the allowed clock skew).
 *
 * @param vin the vehicle identification number (17 characters, validated by the edge)
 * @param receivedAt when the ping was received at the trusted edge
 */
public record Ping(String vin, Instant receivedAt) {
}
