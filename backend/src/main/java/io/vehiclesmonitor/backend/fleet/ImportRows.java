package io.vehiclesmonitor.backend.fleet;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Reads import bodies as a stream of rows, never the whole body at once, and stops with
 * 413 as soon as more than the allowed bytes arrived.
 */
final class ImportRows {

	static final String CSV_HEADER = "vin,regNr,customerId";

	private static final int MAX_LINE_BYTES = 16 * 1024;

	private ImportRows() {
	}

	/** Rows of a CSV body: header {@code vin,regNr,customerId}, no quoting. */
	static Flux<ImportRow> csv(ServerHttpRequest request, long maxBytes) {
		StringDecoder lines = StringDecoder.allMimeTypes(List.of("\n"), true);
		lines.setMaxInMemorySize(MAX_LINE_BYTES);
		return lines
			.decode(limited(request.getBody(), maxBytes), ResolvableType.forClass(String.class), MediaType.TEXT_PLAIN,
					Map.of())
			.onErrorMap(DecodingException.class,
					(ex) -> FleetProblems.malformedImport("A CSV line is longer than " + MAX_LINE_BYTES + " bytes."))
			.index()
			.filter((line) -> !line.getT2().isBlank())
			.switchOnFirst((first, all) -> {
				if (first.hasValue() && !isHeader(first.get().getT2())) {
					return Flux.error(FleetProblems
						.malformedImport("The first line of a CSV import must be the header " + CSV_HEADER + "."));
				}
				return all.skip(1).map((line) -> row(line.getT1() + 1, line.getT2()));
			});
	}

	/** Rows of a JSON array of {@code {"vin","regNr","customerId"}} objects. */
	static Flux<ImportRow> json(ServerHttpRequest request, long maxBytes, HttpMessageReader<?> reader) {
		ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return limited(super.getBody(), maxBytes);
			}
		};
		return reader.read(ResolvableType.forClass(JsonRow.class), limited, Map.of())
			.cast(JsonRow.class)
			.onErrorMap(DecodingException.class,
					(ex) -> FleetProblems
						.malformedImport("The body must be a JSON array of {vin, regNr, customerId} objects."))
			.index()
			.map((row) -> new ImportRow(row.getT1() + 1, row.getT2().vin(), row.getT2().regNr(),
					row.getT2().customerId()));
	}

	/**
	 * Fails with 413 once more than {@code maxBytes} arrived; counts per subscription.
	 */
	static Flux<DataBuffer> limited(Flux<DataBuffer> body, long maxBytes) {
		return Flux.defer(() -> {
			long[] total = { 0 };
			return body.handle((buffer, sink) -> {
				total[0] += buffer.readableByteCount();
				if (total[0] > maxBytes) {
					DataBufferUtils.release(buffer);
					sink.error(FleetProblems.importTooLarge(maxBytes));
				}
				else {
					sink.next(buffer);
				}
			});
		});
	}

	private static boolean isHeader(String line) {
		String header = line.replace("\uFEFF", "").replace(" ", "").strip().toLowerCase(Locale.ROOT);
		return header.equals(CSV_HEADER.toLowerCase(Locale.ROOT));
	}

	private static ImportRow row(long number, String line) {
		String[] fields = line.strip().split(",", -1);
		if (fields.length != 3) {
			return ImportRow.unreadable(number,
					"expected 3 comma-separated fields (" + CSV_HEADER + "), found " + fields.length);
		}
		return new ImportRow(number, fields[0].strip(), fields[1].strip(), fields[2].strip());
	}

	/** One element of a JSON import; text fields so a bad value fails one row only. */
	record JsonRow(String vin, String regNr, String customerId) {
	}

}
