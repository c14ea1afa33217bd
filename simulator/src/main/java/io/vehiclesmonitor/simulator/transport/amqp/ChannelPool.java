package io.vehiclesmonitor.simulator.transport.amqp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.SignalType;

/**
 * Idle publishing channels, reused across send operations. Channels of an older
 * connection are discarded, and channels are retired after a number of uses because every
 * confirm stream leaves a shutdown listener behind on its channel.
 */
final class ChannelPool {

	private static final Log logger = LogFactory.getLog(ChannelPool.class);

	private static final int MAX_USES_PER_CHANNEL = 1000;

	private final BlockingQueue<Channel> idle;

	private final Map<Channel, Integer> uses = new ConcurrentHashMap<>();

	ChannelPool(int size) {
		this.idle = new ArrayBlockingQueue<>(Math.max(1, size));
	}

	/** An idle channel of this connection, or a new one (a blocking RPC). */
	Channel acquire(Connection connection) {
		Channel channel;
		while ((channel = this.idle.poll()) != null) {
			if (channel.isOpen() && channel.getConnection() == connection) {
				channel.clearConfirmListeners();
				return channel;
			}
			discard(channel);
		}
		try {
			return connection.createChannel();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open a channel", ex);
		}
	}

	/** Back to the pool after a clean send; anything else closes the channel. */
	void release(SignalType signal, Channel channel) {
		int used = this.uses.merge(channel, 1, Integer::sum);
		if (signal == SignalType.ON_COMPLETE && channel.isOpen() && used < MAX_USES_PER_CHANNEL
				&& this.idle.offer(channel)) {
			return;
		}
		discard(channel);
	}

	private void discard(Channel channel) {
		this.uses.remove(channel);
		closeQuietly(channel);
	}

	static void closeQuietly(Channel channel) {
		try {
			if (channel.isOpen()) {
				channel.close();
			}
		}
		catch (Exception ex) {
			logger.debug("Closing a channel failed", ex);
		}
	}

}
