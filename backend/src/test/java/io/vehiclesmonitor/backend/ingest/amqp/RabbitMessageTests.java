package io.vehiclesmonitor.backend.ingest.amqp;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import io.vehiclesmonitor.backend.ingest.IncomingMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RabbitMessageTests {

	@Test
	void headersOfAnyAmqpTypeReadAsTextAndTheTimestampAsAnInstant() {
		LongString millis = LongStringHelper.asLongString("1764342000123");
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.timestamp(Date.from(Instant.parse("2026-11-28T15:00:00Z")))
			.headers(Map.of("x-vm-version", 1, "x-vm-timestamp-ms", millis))
			.build();

		IncomingMessage message = RabbitMessage.toMessage(properties, new byte[] { '{', '}' });

		assertThat(message.contentType()).isEqualTo("application/json");
		assertThat(message.timestamp()).isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
		assertThat(message.headers()).containsEntry("x-vm-version", "1")
			.containsEntry("x-vm-timestamp-ms", "1764342000123");
	}

	@Test
	void aBareMessageHasNoHeadersNoTimestampAndNoContentType() {
		IncomingMessage message = RabbitMessage.toMessage(new AMQP.BasicProperties(), new byte[0]);

		assertThat(message.headers()).isEmpty();
		assertThat(message.timestamp()).isNull();
		assertThat(message.contentType()).isNull();
	}

}
