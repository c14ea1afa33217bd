/**
 * The AMQP transport: the only place that knows Reactor RabbitMQ and the broker.
 */
package io.vehiclesmonitor.simulator.transport.amqp;
