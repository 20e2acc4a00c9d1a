package dev.ripple.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a port, which a test cuts and restores: a network partition between clients
 * and a real broker, which itself keeps running. Unlike a broker that stops, a cut answers nothing (no metadata
 * saying the topics are gone), so a Kafka producer keeps what it knew and holds its sends until the link is back or
 * its delivery timeout ends. Advertise {@link #port()} as the broker's listener so clients connect through it.
 */
public final class NetworkCut implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean repliesLost;

    private NetworkCut(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
        Thread accept = new Thread(this::accept, "network-cut-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy on {@code port} to {@code target} on 127.0.0.1. */
    public static NetworkCut between(int port, int target) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new NetworkCut(server, target);
    }

    /** {@code count} distinct free ports on 127.0.0.1, all held open until each is chosen. */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.forEach(NetworkCut::closeQuietly);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every connection, and every new one at once, until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(NetworkCut::closeQuietly);
    }

    /**
     * Passes what clients send but drops every reply, until {@link #restore()}: a broker that appends a producer's
     * records while their acknowledgements are lost, so that the producer cannot tell whether they were stored.
     */
    public void loseReplies() {
        repliesLost = true;
    }

    /**
     * Lets connections through again; clients reconnect on their own. Connections that lost replies are dropped,
     * since what is left of them is out of step.
     */
    public void restore() {
        if (repliesLost) {
            repliesLost = false;
            open.forEach(NetworkCut::closeQuietly);
        }
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                if (cut) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                // the server closed, or the target refused: the client sees its connection drop
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!(replies && repliesLost)) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // cut or closed by either side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "network-cut-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
