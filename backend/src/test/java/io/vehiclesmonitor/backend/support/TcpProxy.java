package io.vehiclesmonitor.backend.support;

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
 * TEST ONLY: a TCP proxy on a local port in front of a real service (RabbitMQ, Redis, the
 * app itself), so a test can fail one client's connection without touching the service
 * others use: cut the open connections ({@link #dropConnections()}), refuse new ones
 * ({@link #refuse()} / {@link #admit()}), or stall them (hold every byte while the
 * connection stays open, as a congested network or a stuck peer would). Blocking threads
 * of its own: never on an event loop.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean stalled;

	private volatile boolean refusing;

	/** A proxy to the given service on a random local port, accepting at once. */
	public TcpProxy(String targetHost, int targetPort) {
		this(0, targetHost, targetPort);
	}

	/** A proxy to a service on this host, on a random local port. */
	public TcpProxy(int targetPort) {
		this(0, "127.0.0.1", targetPort);
	}

	/** A proxy listening on {@code port} (0: any free port). */
	public TcpProxy(int port, String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start("test-proxy-accept", this::accept);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Holds every byte in both directions until {@link #resume()}. */
	public void stall() {
		this.stalled = true;
	}

	public void resume() {
		this.stalled = false;
	}

	/** Cuts every proxied connection; new connections are still accepted. */
	public void dropConnections() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/** Cuts every connection and refuses new ones until {@link #admit()}. */
	public void refuse() {
		this.refusing = true;
		dropConnections();
	}

	public void admit() {
		this.refusing = false;
	}

	/** Same as {@link #refuse()}: the service looks gone to its clients. */
	public void stop() {
		refuse();
	}

	/** Same as {@link #admit()}: the service is reachable again on the same port. */
	public TcpProxy start() {
		admit();
		return this;
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
				start("test-proxy-up", () -> pump(client, upstream));
				start("test-proxy-down", () -> pump(upstream, client));
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
