/**
 * The status engine: pure status rules
 * ({@link io.vehiclesmonitor.backend.status.StatusRules}), the contracts other features
 * use ({@code PingProcessor}, {@code LiveStatus}, {@code FleetSync}, {@code ChangeBus},
 * {@code FleetSource}, {@code IngestProgress}) and the sweep that disconnects silent
 * vehicles. Stores live in {@code memory} (standalone) and {@code redis} (distributed).
 */
package io.vehiclesmonitor.backend.status;
