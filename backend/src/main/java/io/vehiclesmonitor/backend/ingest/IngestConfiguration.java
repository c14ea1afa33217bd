package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vehiclesmonitor.backend.ingest.amqp.RabbitPingSource;
import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import io.vehiclesmonitor.backend.system.RabbitMqProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires ingestion: decoding, metrics and the in-process source of HTTP pings with its own
 * pipeline always; the broker consumer and the broker-backed {@link IngestProgress} in
 * the distributed run only. Each source has its own pipeline instance, so each stays
 * bounded by {@link IngestProperties} and tags its metrics with its source.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	IngestMetrics ingestMetrics(MeterRegistry registry) {
		return new IngestMetrics(registry);
	}

	@Bean
	PingDecoder pingDecoder(JsonMapper json, IngestProperties properties) {
		return new PingDecoder(json, properties);
	}

	@Bean
	MeterBinder watermarkAgeMetric(IngestProgress progress, Clock clock) {
		return (registry) -> IngestMetrics.watermarkAge(registry, progress::watermark, clock);
	}

	@Bean
	PingsInFlight pingsInFlight() {
		return new PingsInFlight();
	}

	@Bean
	InProcessPingSource inProcessPingSource(IngestProperties properties) {
		return new InProcessPingSource(properties.httpQueueCapacity(), properties.prefetch());
	}

	@Bean
	IngestConsumer httpIngestConsumer(PingDecoder decoder, PingProcessor processor, IngestProperties properties,
			IngestMetrics metrics, Clock clock, InProcessPingSource source, PingsInFlight inFlight) {
		return new IngestConsumer(
				new IngestPipeline(decoder, processor, properties, metrics, clock, IngestMetrics.HTTP, inFlight),
				source);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
	static class Distributed {

		@Bean(destroyMethod = "close")
		RabbitPingSource rabbitPingSource(RabbitMqConnection connection, RabbitMqProperties rabbit,
				IngestProperties ingest) {
			return new RabbitPingSource(connection.connection(), rabbit, ingest);
		}

		@Bean
		IngestConsumer ingestConsumer(PingDecoder decoder, PingProcessor processor, IngestProperties properties,
				IngestMetrics metrics, Clock clock, RabbitPingSource source, PingsInFlight inFlight) {
			return new IngestConsumer(
					new IngestPipeline(decoder, processor, properties, metrics, clock, IngestMetrics.AMQP, inFlight),
					source);
		}

		@Bean
		RabbitIngestProgress rabbitIngestProgress(RabbitPingSource source, RabbitMqConnection connection,
				IngestProperties properties, Clock clock, PingsInFlight inFlight) {
			return new RabbitIngestProgress(source, connection, properties, clock, inFlight);
		}

	}

}
