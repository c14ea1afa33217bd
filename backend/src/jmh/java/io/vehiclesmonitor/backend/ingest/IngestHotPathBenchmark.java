package io.vehiclesmonitor.backend.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the JMH benchmarks of {@link IngestHotPath} in a forked JVM and writes
 * {@code target/benchmarks/jmh-ingest-hot-path.md} (and the JMH JSON next to it). Lives in
 * {@code src/jmh/java}, which only the {@code benchmarks} profile compiles, so JMH is never
 * on the normal build's class path. {@code -Dbench.jmh.quick=true} shortens the runs.
 */
@Tag("benchmark")
class IngestHotPathBenchmark {

	@Test
	void measuresTheInJvmHotPath() throws Exception {
		boolean quick = Boolean.getBoolean("bench.jmh.quick");
		Path directory = Path.of("target", "benchmarks");
		Files.createDirectories(directory);
		Options options = new OptionsBuilder().include(IngestHotPath.class.getName() + ".")
			.forks(1)
			.jvmArgs("-Xmx512m")
			.warmupIterations(quick ? 2 : 3)
			.warmupTime(TimeValue.seconds(quick ? 1 : 2))
			.measurementIterations(quick ? 3 : 5)
			.measurementTime(TimeValue.seconds(quick ? 1 : 2))
			.resultFormat(ResultFormatType.JSON)
			.result(directory.resolve("jmh-ingest-hot-path.json").toString())
			.build();
		Collection<RunResult> results = new Runner(options).run();
		StringBuilder text = new StringBuilder("# jmh-ingest-hot-path\n\nRun at " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version")
				+ ", load average (/proc/loadavg) at the end: " + Files.readString(Path.of("/proc/loadavg")).trim()
				+ ".\n\n| Benchmark | ops/s | ± (99.9 %) | µs/op |\n|---|---|---|---|\n");
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			double score = result.getPrimaryResult().getScore();
			double error = result.getPrimaryResult().getScoreError();
			text.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f |%n",
					name.substring(name.lastIndexOf('.') + 1), score, error, 1e6 / score));
		}
		Files.writeString(directory.resolve("jmh-ingest-hot-path.md"), text);
		System.out.println(text);
		assertThat(results).hasSize(4);
	}

}
