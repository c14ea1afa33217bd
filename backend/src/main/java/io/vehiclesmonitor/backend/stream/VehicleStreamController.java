package io.vehiclesmonitor.backend.stream;

import reactor.core.publisher.Flux;

import io.vehiclesmonitor.backend.security.Viewer;
import io.vehiclesmonitor.backend.status.Status;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /vehicles/stream}: live status changes as Server-Sent Events (protocol in
 * {@code docs/sse.md}).
 */
@RestController
class VehicleStreamController {

	private final VehicleStream stream;

	VehicleStreamController(VehicleStream stream) {
		this.stream = stream;
	}

	/**
	 * The stream; the resume point comes from the {@code Last-Event-ID} header a
	 * browser's {@code EventSource} sends on its own reconnects, or from the
	 * {@code lastEventId} parameter for clients that reconnect themselves (a new
	 * {@code EventSource} cannot set headers).
	 */
	@GetMapping(path = "/vehicles/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestParam(required = false) Long customer,
			@RequestParam(required = false) Status status,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
		Long lastEventId = parseId((lastEventIdHeader != null) ? lastEventIdHeader : lastEventIdParam);
		// A CUSTOMER user's filter is narrowed to its customer: snapshot, changes and
		// counts then cover that customer only.
		return Viewer.current()
			.flatMapMany(
					(viewer) -> this.stream.events(new StreamFilter(viewer.narrow(customer), status), lastEventId));
	}

	/** An id we did not issue (or from an older server) just means "start fresh". */
	private static Long parseId(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(value.trim());
			return (id >= 0) ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
