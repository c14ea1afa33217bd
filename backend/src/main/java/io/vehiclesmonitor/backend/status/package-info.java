/**
 * The status engine: pure status rules
 * ({@link io.vehiclesmonitor.backend.status.StatusRules}), the contracts other features
 * use ({@code PingProcessor}, {@code LiveStatus}, {@code FleetSync}, {@code ChangeBus},
 * {@code FleetSource}, {@code IngestProgress}) and the sweep that disconnects silent
 * vehicles. Stores live in {@code memory} (standalone) and {@code redis} (distributed);
 * both seed an empty live state from the registry and each vehicle's last known state in
 * the change history ({@code LastKnownStates}, over {@code status_history}).
 */
package io.vehiclesmonitor.backend.status;
