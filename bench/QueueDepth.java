import java.io.PrintStream;
import java.io.FileOutputStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Samples a queue's ready count every interval until killed: "epoch-ms ready consumers" per
 * line. One AMQP connection and a passive declare per sample, far cheaper than a rabbitmqctl
 * call (an Erlang VM start) on a 2-core machine. Single-file program:
 * java -cp 'bench/perftest/target/lib/*' bench/QueueDepth.java QUEUE INTERVAL_MS OUT_FILE
 */
public class QueueDepth {

	public static void main(String[] args) throws Exception {
		String queue = args[0];
		long interval = Long.parseLong(args[1]);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setAutomaticRecoveryEnabled(false);
		try (PrintStream out = new PrintStream(new FileOutputStream(args[2], true), true)) {
			while (true) {
				// Other work on the machine may restart the broker: reconnect and go on.
				try (Connection connection = factory.newConnection("vm-bench-queue-depth")) {
					Channel channel = connection.createChannel();
					while (true) {
						long now = System.currentTimeMillis();
						var ok = channel.queueDeclarePassive(queue);
						out.println(now + " " + ok.getMessageCount() + " " + ok.getConsumerCount());
						Thread.sleep(Math.max(1, interval - (System.currentTimeMillis() - now)));
					}
				}
				catch (java.io.IOException | java.util.concurrent.TimeoutException
						| com.rabbitmq.client.ShutdownSignalException ex) {
					System.err.println(System.currentTimeMillis() + " sampling failed, reconnecting: " + ex);
					Thread.sleep(interval);
				}
			}
		}
	}

}
