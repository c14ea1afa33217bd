/**
 * The only place that knows Reactor RabbitMQ: the ping topology, the consumer with manual
 * acknowledgements and the dead-letter publisher. Replacing the library means replacing
 * this package only.
 */
package io.vehiclesmonitor.backend.ingest.amqp;
