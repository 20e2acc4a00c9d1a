package dev.ripple.runtime.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slowloris on loopback: {@code count} connections, each POSTing a body it announces as 4 KiB and sends one byte
 * every {@code interval}; a connection the server closes is opened again. One thread; it stops by itself after
 * {@code lifetime}, or at {@link #close()}.
 */
final class SlowClients implements AutoCloseable {
    private final InetSocketAddress server;
    private final String path;
    private final long intervalMs;
    private final long deadline;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();
    private final Thread thread;

    private SlowClients(int port, String path, int count, long intervalMs, long lifetimeMs) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.path = path;
        this.intervalMs = intervalMs;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lifetimeMs);
        for (int i = 0; i < count; i++) {
            channels.add(open());
        }
        thread = new Thread(this::trickle, "slow-clients");
        thread.setDaemon(true);
        thread.start();
    }

    static SlowClients start(int port, String path, int count, long intervalMs, long lifetimeMs) throws IOException {
        return new SlowClients(port, path, count, intervalMs, lifetimeMs);
    }

    /** Connections opened in all, first ones included. */
    int opened() {
        return opened.get();
    }

    /** Connections opened again after the server closed one. */
    int reopened() {
        return reopened.get();
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.configureBlocking(false);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n[";
        channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        opened.incrementAndGet();
        return channel;
    }

    private void trickle() {
        ByteBuffer read = ByteBuffer.allocate(4096);
        while (!stop.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < channels.size() && !stop.get(); i++) {
                SocketChannel channel = channels.get(i);
                try {
                    read.clear();
                    if (channel.read(read) != 0) {
                        throw new IOException("answered (the body is not complete, so: cut) or closed by the server");
                    }
                    channel.write(ByteBuffer.wrap(new byte[] {' '}));
                } catch (IOException closed) {
                    try {
                        channel.close();
                        channels.set(i, open());
                        reopened.incrementAndGet();
                    } catch (IOException e) {
                        // the server does not take it now; try again next round
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.interrupt();
        thread.join(10_000);
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
