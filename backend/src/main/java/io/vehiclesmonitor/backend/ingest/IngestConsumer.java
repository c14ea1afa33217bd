package io.vehiclesmonitor.backend.ingest;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs an ingest pipeline over its source for as long as the backend runs: started last
 * and stopped first, so in-flight messages are abandoned (and redelivered by the source)
 * before the connection closes.
 */
final class IngestConsumer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IngestConsumer.class);

	private final IngestPipeline pipeline;

	private final PingSource source;

	private volatile Disposable consuming;

	IngestConsumer(IngestPipeline pipeline, PingSource source) {
		this.pipeline = pipeline;
		this.source = source;
	}

	@Override
	public void start() {
		this.consuming = this.pipeline.run(this.source.messages())
			.subscribe(null, (ex) -> logger.error("Ping consumer stopped", ex),
					() -> logger.warn("Ping consumer completed"));
	}

	@Override
	public void stop() {
		Disposable consuming = this.consuming;
		if (consuming != null) {
			consuming.dispose();
		}
		this.consuming = null;
	}

	@Override
	public boolean isRunning() {
		return this.consuming != null;
	}

}
