/**
 * How pings travel: the message contract, the transport abstraction and the HTTP
 * transport. The AMQP transport lives in {@code transport.amqp}.
 */
package io.vehiclesmonitor.simulator.transport;
