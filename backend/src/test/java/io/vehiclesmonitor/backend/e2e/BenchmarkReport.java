package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a benchmark's results as a markdown table to {@code target/benchmarks/<name>.md}
 * (build output, never committed) and to the console.
 */
final class BenchmarkReport {

	private final String name;

	private final List<String> notes = new ArrayList<>();

	private final List<LatencyStats> rows = new ArrayList<>();

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

	String markdown() {
		StringBuilder text = new StringBuilder("# " + this.name + "\n\n");
		text.append("Run at ")
			.append(Instant.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, Java ")
			.append(System.getProperty("java.version"))
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
		System.out.println(markdown);
		return file;
	}

}
