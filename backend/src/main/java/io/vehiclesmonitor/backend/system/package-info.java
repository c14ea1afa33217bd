/**
 * Cross-cutting setup: the clock and the connections to the services the distributed run
 * needs (RabbitMQ here; Redis and PostgreSQL are configured by their features).
 */
package io.vehiclesmonitor.backend.system;
