package io.vehiclesmonitor.backend.fleet;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Small helpers for hand-written SQL that must read the same on PostgreSQL and H2.
 */
final class Sql {

	private Sql() {
	}

	static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String intervalName, Integer interval,
			String graceName, Integer grace) {
		GenericExecuteSpec bound = (interval != null) ? spec.bind(intervalName, interval)
				: spec.bindNull(intervalName, Integer.class);
		return (grace != null) ? bound.bind(graceName, grace) : bound.bindNull(graceName, Integer.class);
	}

	static Integer integer(Readable row, String column) {
		Number value = row.get(column, Number.class);
		return (value != null) ? value.intValue() : null;
	}

	/** A LIKE pattern matching {@code text} anywhere, wildcards in it taken literally. */
	static String containsPattern(String text) {
		String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

}
