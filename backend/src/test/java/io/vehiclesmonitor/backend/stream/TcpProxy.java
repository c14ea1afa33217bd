package io.vehiclesmonitor.backend.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * TEST ONLY: a TCP proxy on a local port we control, so a browser test can cut its
 * connections to the app ({@link #stop()}: every open connection is closed and new ones
 * are refused) and let it reconnect ({@link #start()} on the same port), without touching
 * the app. Plain blocking sockets on their own threads; never on an event loop.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private volatile ServerSocket server;

	private int port;

	TcpProxy(int targetPort) {
		this.targetPort = targetPort;
	}

	int port() {
		return this.port;
	}

	synchronized TcpProxy start() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.port = socket.getLocalPort();
			this.server = socket;
			this.threads.execute(() -> accept(socket));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Refuses new connections and closes the open ones. */
	synchronized void stop() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	@Override
	public void close() {
		stop();
		this.threads.shutdownNow();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket target = new Socket("127.0.0.1", this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				this.threads.execute(() -> pump(client, target));
				this.threads.execute(() -> pump(target, client));
			}
			catch (IOException ex) {
				// closed by stop()
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away: close both below
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// nothing left to do
		}
	}

}
