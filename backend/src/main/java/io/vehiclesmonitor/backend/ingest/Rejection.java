package io.vehiclesmonitor.backend.ingest;

/**
 * A refused message: a stable reason code and a human readable detail.
 *
 * @param reason why it was refused
 * @param detail what exactly was wrong, for whoever inspects the dead-letter queue
 */
public record Rejection(RejectReason reason, String detail) {
}
