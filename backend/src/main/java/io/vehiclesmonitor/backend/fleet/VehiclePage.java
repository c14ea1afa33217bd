package io.vehiclesmonitor.backend.fleet;

import java.util.List;

/**
 * One page of {@code GET /vehicles}.
 *
 * @param vehicles the vehicles of the page
 * @param nextCursor cursor of the next page, {@code null} on the last page
 */
record VehiclePage(List<VehicleView> vehicles, String nextCursor) {
}
