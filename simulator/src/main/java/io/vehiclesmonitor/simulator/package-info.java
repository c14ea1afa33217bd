/**
 * The vehicle simulator: publishes pings over AMQP or HTTP for demos and load tests.
 */
package io.vehiclesmonitor.simulator;
