package io.vehiclesmonitor.backend.fleet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /vehicles/import}: bulk registration from CSV or a JSON array. Answers 200
 * with an {@link ImportReport} even when rows were rejected; 413 (nothing imported) when
 * the body is larger than {@code monitor.fleet.import-max-size}.
 */
@RestController
class VehicleImportController {

	static final String TEXT_CSV = "text/csv";

	private final VehicleImporter importer;

	private final long maxBytes;

	private final HttpMessageReader<?> jsonReader;

	VehicleImportController(VehicleImporter importer, FleetProperties properties, ServerCodecConfigurer codecs) {
		this.importer = importer;
		this.maxBytes = properties.importMaxSize().toBytes();
		this.jsonReader = codecs.getReaders()
			.stream()
			.filter((reader) -> reader.canRead(ResolvableType.forClass(ImportRows.JsonRow.class),
					MediaType.APPLICATION_JSON))
			.findFirst()
			.orElseThrow();
	}

	@PostMapping(path = "/vehicles/import", consumes = TEXT_CSV)
	Mono<ImportReport> importCsv(ServerHttpRequest request) {
		return importRows(request, ImportRows.csv(request, this.maxBytes));
	}

	@PostMapping(path = "/vehicles/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ImportReport> importJson(ServerHttpRequest request) {
		return importRows(request, ImportRows.json(request, this.maxBytes, this.jsonReader));
	}

	// A declared length above the limit is refused before a byte of the body is read.
	private Mono<ImportReport> importRows(ServerHttpRequest request, Flux<ImportRow> rows) {
		if (request.getHeaders().getContentLength() > this.maxBytes) {
			return Mono.error(FleetProblems.importTooLarge(this.maxBytes));
		}
		return this.importer.importRows(rows);
	}

}
