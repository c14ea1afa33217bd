package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes a benchmark's results as a markdown table to {@code target/benchmarks/<name>.md}
 * (build output, never committed) and to the console, with the machine's load average,
 * since other work may share the machine; optionally the percentile curves of the samples
 * as CSV for plotting ({@code bench/plot.py}).
 */
final class BenchmarkReport {

	private final String name;

	private final List<String> notes = new ArrayList<>();

	private final List<LatencyStats> rows = new ArrayList<>();

	private final StringBuilder percentiles = new StringBuilder("label,percentile,millis\n");

	BenchmarkReport(String name) {
		this.name = name;
	}

	BenchmarkReport note(String note) {
		this.notes.add(note);
		return this;
	}

	BenchmarkReport add(LatencyStats stats) {
		this.rows.add(stats);
		return this;
	}

	/**
	 * Adds the percentiles 1..99, 99.9 and 100 of the samples to
	 * {@code target/benchmarks/<name>-percentiles.csv}.
	 */
	BenchmarkReport percentiles(String label, List<Duration> samples) {
		List<Long> millis = new ArrayList<>(samples.stream().map(Duration::toMillis).toList());
		Collections.sort(millis);
		List<Double> points = new ArrayList<>();
		for (int p = 1; p <= 99; p++) {
			points.add((double) p);
		}
		points.add(99.9);
		points.add(100.0);
		for (double point : points) {
			int index = (int) Math.ceil(point / 100 * millis.size()) - 1;
			long value = millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
			this.percentiles.append('"')
				.append(label)
				.append("\",")
				.append(point)
				.append(',')
				.append(value)
				.append('\n');
		}
		return this;
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	String markdown() {
		StringBuilder text = new StringBuilder("# " + this.name + "\n\n");
		text.append("Run at ")
			.append(Instant.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, Java ")
			.append(System.getProperty("java.version"))
			.append(", load average (/proc/loadavg) at the end: ")
			.append(loadAverage())
			.append(".\n\n");
		this.notes.forEach((note) -> text.append("- ").append(note).append('\n'));
		text.append("\n| Latency | samples | min ms | p50 ms | p95 ms | p99 ms | max ms |\n");
		text.append("|---|---|---|---|---|---|---|\n");
		this.rows.forEach((row) -> text.append(row.markdownRow()).append('\n'));
		return text.toString();
	}

	Path write() throws IOException {
		Path directory = Path.of("target", "benchmarks");
		Files.createDirectories(directory);
		Path file = directory.resolve(this.name + ".md");
		String markdown = markdown();
		Files.writeString(file, markdown);
		if (this.percentiles.indexOf("\n") < this.percentiles.length() - 1) {
			Files.writeString(directory.resolve(this.name + "-percentiles.csv"), this.percentiles);
		}
		System.out.println(markdown);
		return file;
	}

}
