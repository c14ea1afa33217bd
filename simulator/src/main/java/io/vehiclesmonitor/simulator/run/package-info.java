/**
 * Running a simulation: the send pipeline with bounded concurrency, totals, progress and
 * the Spring wiring.
 */
package io.vehiclesmonitor.simulator.run;
