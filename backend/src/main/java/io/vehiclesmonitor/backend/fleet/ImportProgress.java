package io.vehiclesmonitor.backend.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.fleet.ImportReport.ImportError;
import io.vehiclesmonitor.backend.fleet.VehicleImporter.Candidate;
import io.vehiclesmonitor.backend.fleet.VehicleRepository.NewVehicle;

/**
 * What one import has seen so far. Its size is bounded by the import size limit; batches
 * run one at a time, so no two threads touch it at once.
 */
final class ImportProgress {

	private final Map<String, Long> vins = new HashMap<>();

	private final Map<String, Long> regNrs = new HashMap<>();

	private final List<String> imported = new ArrayList<>();

	private final List<ImportError> errors = new ArrayList<>();

	private long rejected;

	/** The earlier row of this import with the same VIN, or {@code null}. */
	Long earlierRowOfVin(String vin, long row) {
		return this.vins.putIfAbsent(vin, row);
	}

	/** The earlier row of this import with the same reg nr, or {@code null}. */
	Long earlierRowOfRegNr(String regNr, long row) {
		return this.regNrs.putIfAbsent(regNr, row);
	}

	/** Records a rejected row; answers {@code null} so validation can return it. */
	Candidate reject(long row, String field, String reason) {
		this.rejected++;
		if (this.errors.size() < ImportReport.MAX_ERRORS) {
			this.errors.add(new ImportError(row, field, reason));
		}
		return null;
	}

	void imported(NewVehicle vehicle) {
		this.imported.add(vehicle.vin());
	}

	List<String> importedVins() {
		return this.imported;
	}

	ImportReport report() {
		List<ImportError> byRow = new ArrayList<>(this.errors);
		byRow.sort(Comparator.comparingLong(ImportError::row));
		return new ImportReport(this.imported.size(), this.rejected, byRow);
	}

}
