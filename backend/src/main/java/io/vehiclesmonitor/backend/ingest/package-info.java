/**
 * Receiving pings: one pipeline per ping source (the RabbitMQ queue, and the in-process
 * queue fed by the HTTP ping endpoint), validation of every message, dead-lettering of
 * the bad ones, and {@code IngestProgress} telling the status engine how far ingestion
 * has caught up (in the distributed run: the minimum over every live replica, shared in
 * Redis). The message contract is documented in {@code docs/message-contract.md}.
 */
package io.vehiclesmonitor.backend.ingest;
