package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on a random local port in front of the shared RabbitMQ, so a test can fail
 * one replica's broker connection without touching the broker others use. Unlike
 * {@code system.TcpProxy} it can also stall (hold bytes, connection stays open, as a
 * congested network or a stuck consumer would) and refuse connections (a replica that
 * stays cut off). Blocking threads: test code only.
 */
final class StallableProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean stalled;

	private volatile boolean refusing;

	StallableProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start("e2e-proxy-accept", this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Holds every byte in both directions until {@link #resume()}. */
	void stall() {
		this.stalled = true;
	}

	void resume() {
		this.stalled = false;
	}

	/** Cuts every proxied connection; new connections are still accepted. */
	void dropConnections() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/** Cuts every connection and refuses new ones until {@link #admit()}. */
	void refuse() {
		this.refusing = true;
		dropConnections();
	}

	void admit() {
		this.refusing = false;
	}

	@Override
	public void close() {
		this.stalled = false;
		closeQuietly(this.server);
		dropConnections();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.refusing) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				start("e2e-proxy-up", () -> pump(client, upstream));
				start("e2e-proxy-down", () -> pump(upstream, client));
			}
			catch (IOException ex) {
				// server closed, or the target refused: keep accepting until closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				while (this.stalled && !to.isClosed()) {
					LockSupport.parkNanos(5_000_000);
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection cut
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
