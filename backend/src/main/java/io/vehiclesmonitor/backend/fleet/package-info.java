/**
 * The fleet registry: customers and their vehicles in the relational database (R2DBC),
 * the REST API to read and manage them, bulk import, and the reference fleet seeded on
 * first start. Every change is told to the status engine through
 * {@link io.vehiclesmonitor.backend.status.FleetSync}; the engine can reread the whole
 * fleet through {@link io.vehiclesmonitor.backend.status.FleetSource}.
 */
package io.vehiclesmonitor.backend.fleet;
