package dev.ripple.bench.scenarios;

import dev.ripple.bench.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator of {@code POST}s: one lane per persistent HTTP/1.1 connection, each lane sending its bodies in
 * order, one at a time, answer awaited. A key's events all go to one lane, so the server receives them in order
 * (HTTP orders nothing across concurrent requests). A thread per lane on a blocking socket and a prebuilt request per
 * body: the cheapest client per request there is, so that the server, not the client, bounds the rate. Lane threads
 * are named {@code HttpClient-lane-…}, which {@code CpuMeter} counts as the load generator. The lanes send as fast as
 * they are answered, or open loop at a rate ({@link Pacing}).
 */
final class PostLanes {
    /**
     * A request body and the events it carries.
     *
     * @param json the body
     * @param indices the indices of the events it holds, in order
     */
    record Body(byte[] json, List<Integer> indices) {
        Body {
            indices = List.copyOf(indices);
        }

        /** How many events it holds, for progress and the count of those answered 201. */
        int events() {
            return indices.size();
        }
    }

    /**
     * When the lanes send their bodies, and whom they tell as each goes.
     *
     * @param bodiesPerSecond 0: each lane sends its next body as soon as the previous one is answered; more: open
     *     loop, body b of lane l of n is the (b × n + l)-th overall and due (b × n + l) / bodiesPerSecond s after
     *     the start, so the lanes take turns at an even rate; a body whose lane still waits for an answer goes late
     * @param sending told of each body as it goes, with the time it counts from ({@link System#nanoTime()}): when
     *     it was due, even if sent later (no coordinated omission), or when it was sent if not paced
     */
    record Pacing(double bodiesPerSecond, Sending sending) {
        /** As fast as answered, telling no one. */
        static final Pacing AT_ONCE = new Pacing(0, (body, nanoTime) -> { });

        Pacing {
            if (!(bodiesPerSecond >= 0)) {
                throw new IllegalArgumentException("Invalid value " + bodiesPerSecond + " for bodies/s: must be 0 "
                        + "or more");
            }
        }

        /** When body {@code body} of lane {@code lane} of {@code lanes} is due; {@code start} when not paced. */
        long due(long start, int lane, int body, int lanes) {
            return bodiesPerSecond == 0 ? start
                    : start + Math.round(((double) body * lanes + lane) * 1e9 / bodiesPerSecond);
        }
    }

    /** Told of each body as a lane sends it. */
    interface Sending {
        void sending(Body body, long nanoTime);
    }

    /** Told of each body's answer. */
    interface Answered {
        void answered(Body body, int status, long nanoTime);
    }

    /**
     * What the lanes were answered.
     *
     * @param statuses responses by status code
     * @param eventsCreated events in bodies answered 201
     */
    record Answers(ConcurrentMap<Integer, LongAdder> statuses, long eventsCreated) {
        long count(int status) {
            LongAdder n = statuses.get(status);
            return n == null ? 0 : n.sum();
        }

        /** Throws unless every request was answered 201. */
        void requireAllCreated() {
            if (statuses.keySet().stream().anyMatch(s -> s != 201)) {
                throw new IllegalStateException("Not every POST was answered 201: " + statuses);
            }
        }
    }

    private PostLanes() {}

    /**
     * Splits events {@code 0..n-1} into {@code lanes} lanes by key ({@link BenchEvents#laneOf}) and each lane's
     * events, in order, into bodies of {@code batch} events, written by {@code json}.
     */
    static List<List<Body>> byKey(int n, int lanes, int batch, JsonWriter json) throws IOException {
        List<List<Integer>> indices = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            indices.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            indices.get(BenchEvents.laneOf(i, lanes)).add(i);
        }
        List<List<Body>> bodies = new ArrayList<>();
        for (List<Integer> lane : indices) {
            List<Body> laneBodies = new ArrayList<>();
            for (int from = 0; from < lane.size(); from += batch) {
                List<Integer> chunk = lane.subList(from, Math.min(lane.size(), from + batch));
                laneBodies.add(new Body(json.write(chunk), chunk));
            }
            bodies.add(laneBodies);
        }
        return bodies;
    }

    /** Writes the JSON body of the events at some indices. */
    interface JsonWriter {
        byte[] write(List<Integer> indices) throws IOException;
    }

    /**
     * Sends every lane's bodies to {@code url} (plain http), each lane on a connection of its own, as fast as they
     * are answered; returns when all are answered.
     */
    static Answers post(URI url, List<List<Body>> lanes, Progress progress) throws Exception {
        return post(url, lanes, Pacing.AT_ONCE, (body, status, nanoTime) -> progress.advance(body.events()));
    }

    /**
     * Sends every lane's bodies to {@code url} (plain http), each lane on a connection of its own, when
     * {@code pacing} says; returns when all are answered.
     *
     * @param answered told of each body's answer as it comes, whatever it is
     */
    static Answers post(URI url, List<List<Body>> lanes, Pacing pacing, Answered answered) throws Exception {
        ConcurrentMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong created = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            sockets.add(socket);
        }
        AtomicLong start = new AtomicLong(); // set as the lanes start, after every request is built
        try {
            for (int i = 0; i < lanes.size(); i++) {
                List<byte[]> requests = new ArrayList<>();
                for (Body body : lanes.get(i)) {
                    requests.add(request(url, body.json()));
                }
                List<Body> bodies = lanes.get(i);
                Socket socket = sockets.get(i);
                int laneIndex = i;
                Thread thread = new Thread(() -> {
                    try {
                        Lane lane = new Lane(socket);
                        for (int r = 0; r < requests.size(); r++) {
                            long due = pacing.due(start.get(), laneIndex, r, lanes.size());
                            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                                LockSupport.parkNanos(due - now);
                            }
                            pacing.sending().sending(bodies.get(r), pacing.bodiesPerSecond() == 0
                                    ? System.nanoTime() : due);
                            int status = lane.exchange(requests.get(r));
                            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                            if (status == 201) {
                                created.addAndGet(bodies.get(r).events());
                            }
                            answered.answered(bodies.get(r), status, System.nanoTime());
                        }
                    } catch (Exception | Error e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "HttpClient-lane-" + i);
                threads.add(thread);
            }
            start.set(System.nanoTime());
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A lane failed: " + failures.get(0), failures.get(0));
        }
        return new Answers(statuses, created.get());
    }

    private static byte[] request(URI url, byte[] body) {
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** One persistent connection: writes a request, reads the whole response (Content-Length or chunked). */
    private static final class Lane {
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder();

        Lane(Socket socket) throws IOException {
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP response: '" + statusLine + "'");
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equals("connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                    skip(size);
                    readLine();
                }
                String trailer;
                do {
                    trailer = readLine(); // trailers are not used
                } while (!trailer.isEmpty());
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("The server closed the connection after a " + status + " answer");
            }
            return status;
        }

        private void skip(long n) throws IOException {
            for (long left = n; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("The connection closed inside a response body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("The connection closed inside a response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
