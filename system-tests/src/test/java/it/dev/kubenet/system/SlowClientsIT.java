package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.LibertyServer;
import dev.kubenet.common.testing.Poll;
import it.dev.kubenet.system.Http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that hold on to nginx's connections: a request header or body that never ends (slowloris), answers never
 * read, an idle keep-alive connection, and a hundred requests in flight from one address. nginx bounds each (the
 * template's client_header_timeout, client_body_timeout, send_timeout, keepalive_timeout and limit_conn); with
 * nginx's defaults (60 s, 75 s idle, no limit) every test here fails. Raw sockets, so that the test alone decides
 * what is sent and when.
 */
@ExtendWith(RunningSystem.class)
class SlowClientsIT {

    /** Longer than the template's 10 s timeouts, shorter than nginx's default 60 s. */
    private static final Duration CUT_OFF = Duration.ofSeconds(25);
    /** Longer than the template's keepalive_timeout (30 s), shorter than nginx's default 75 s. */
    private static final Duration IDLE_CUT_OFF = Duration.ofSeconds(50);
    /** Longer than the template's send_timeout (10 s), shorter than nginx's default 60 s. */
    private static final Duration NOT_READING = Duration.ofSeconds(20);
    /** The template's "limit_conn per_client 100". */
    private static final int IN_FLIGHT_PER_CLIENT = 100;
    private static final int UI_PORT = 8090;

    @Test
    void aHeaderSentALineAtATimeIsCutOffWithinTheHeaderTimeoutWhileOthersAreServed() throws IOException {
        Instant start = Instant.now();
        try (Socket slow = connect("127.0.0.1")) {
            OutputStream out = slow.getOutputStream();
            out.write(ascii("GET / HTTP/1.1\r\nHost: localhost\r\n"));
            int[] lines = {0};
            Ended ended = awaitEnd(slow, start, CUT_OFF, () -> {
                out.write(ascii("X-Slow-" + lines[0]++ + ": still coming\r\n"));
                assertEquals(200, send(request(RunningSystem.UI + "/")).status(), "others are served meanwhile");
            });
            assertAll(
                    () -> assertTrue(ended.after().toSeconds() >= 5, "held for a while, not refused: " + ended),
                    () -> assertTrue(lines[0] > 0, "the header kept coming: " + ended),
                    () -> assertEquals("", ended.received(), "a header that never ends gets no answer"));
        }
    }

    @Test
    void aBodyThatStopsComingIsCutOffWithinTheBodyTimeout() throws IOException {
        try (Socket slow = connect("127.0.0.1")) {
            slow.getOutputStream().write(ascii("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"title\":"));
            Ended ended = awaitEnd(slow, Instant.now(), CUT_OFF, () -> { });
            assertAll(
                    () -> assertTrue(ended.after().toSeconds() >= 5, "held for a while, not refused: " + ended),
                    () -> assertTrue(ended.received().isEmpty() || ended.received().startsWith("HTTP/1.1 408"),
                            "closed, or a 408: " + ended));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWithinTheKeepAliveTimeout() throws IOException {
        try (Socket idle = connect("127.0.0.1")) {
            idle.getOutputStream().write(ascii("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            Ended ended = awaitEnd(idle, Instant.now(), IDLE_CUT_OFF, () -> { });
            assertAll(
                    () -> assertTrue(ended.received().startsWith("HTTP/1.1 200"), "answered first: " + ended),
                    () -> assertTrue(ended.after().toSeconds() >= 15, "kept open for the next request: " + ended));
        }
    }

    @Test
    void answersThatAreNeverReadAreDroppedAfterTheSendTimeout() throws IOException {
        Matcher script = Pattern.compile("src=\"(/?app\\.[0-9a-f]{12}\\.js)\"")
                .matcher(send(request(RunningSystem.UI + "/")).body());
        assertTrue(script.find(), "the page names its script");
        String path = script.group(1).startsWith("/") ? script.group(1) : "/" + script.group(1);
        long size = send(request(RunningSystem.UI + path)).headers().firstValueAsLong("Content-Length").orElseThrow();
        // nginx answers at most 1000 requests on one connection (keepalive_requests): ~35 MB of answers, far more than
        // the two sockets' buffers hold; the requests themselves (~50 kB) fit, so this write does not block.
        int pipelined = 1000;
        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(16 * 1024);
            reader.connect(new InetSocketAddress("127.0.0.1", UI_PORT), 5_000);
            reader.getOutputStream().write(ascii(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .repeat(pipelined)));
            LibertyServer.sleep(NOT_READING.toMillis());
            Ended ended = awaitEnd(reader, Instant.now(), Duration.ofSeconds(10), () -> {
                throw new AssertionError("the connection is still open after " + NOT_READING.toSeconds()
                        + " s of a client that read nothing");
            });
            assertTrue(ended.bytes() < pipelined * size,
                    "nginx waited " + NOT_READING.toSeconds() + " s for the client to read, then sent all "
                            + ended.bytes() + " bytes");
        }
    }

    @Test
    void aHundredRequestsInFlightFromOneAddressAreTheMostAndTheNextGetsAJson429() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        AtomicInteger endedByNginx = new AtomicInteger();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < IN_FLIGHT_PER_CLIENT; i++) {
                held.add(requestWithPendingBody("127.0.0.1"));
            }
            // A byte of each body every 2 s: the body timeout never fires, as for an attacker who sends just enough.
            trickle.scheduleWithFixedDelay(() -> held.forEach(socket -> {
                try {
                    socket.getOutputStream().write(' ');
                } catch (IOException e) {
                    endedByNginx.incrementAndGet();
                }
            }), 2, 2, TimeUnit.SECONDS);

            Reply limited = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(200),
                    "a 429 with " + IN_FLIGHT_PER_CLIENT + " requests in flight",
                    () -> send(request(RunningSystem.UI + "/")), reply -> reply.status() == 429,
                    reply -> reply + " (held requests ended early: " + endedByNginx.get() + ")");
            assertAll(
                    () -> assertTrue(held.stream().allMatch(SlowClientsIT::unanswered),
                            "the " + IN_FLIGHT_PER_CLIENT + " held requests were all let through"),
                    limited::assertProblem,
                    () -> assertEquals("5", limited.headers().firstValue("Retry-After").orElse(""),
                            "a 429 says when to come back"),
                    () -> assertEquals("nosniff", limited.headers().firstValue("X-Content-Type-Options").orElse(""),
                            "security headers on nginx's own 429"),
                    () -> assertEquals(200, statusFrom("127.0.0.2"), "another client address has its own limit"));

            held.remove(0).close();
            Poll.until(Duration.ofSeconds(10), Duration.ofMillis(200),
                    "a request served once one of the " + IN_FLIGHT_PER_CLIENT + " has ended",
                    () -> send(request(RunningSystem.UI + "/")), reply -> reply.status() == 200, Reply::toString);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** How a connection ended: after how long, with how many bytes from nginx, the first of them as text. */
    private record Ended(Duration after, long bytes, String received) {
    }

    private interface WhileOpen {
        void run() throws IOException;
    }

    /**
     * Reads until nginx ends the connection (end of stream or reset) and fails if it is still open after
     * {@code atMost}; each second without a byte from nginx, runs {@code whileOpen}, and a write in it that fails
     * ends the connection too.
     */
    private static Ended awaitEnd(Socket socket, Instant since, Duration atMost, WhileOpen whileOpen)
            throws IOException {
        socket.setSoTimeout(1_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        StringBuilder received = new StringBuilder();
        long bytes = 0;
        while (true) {
            Duration open = Duration.between(since, Instant.now());
            assertTrue(open.compareTo(atMost) <= 0, "nginx still holds the connection after " + open.toSeconds()
                    + " s, having sent " + bytes + " bytes: " + received);
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return new Ended(Duration.between(since, Instant.now()), bytes, received.toString());
                }
                bytes += read;
                if (received.length() < 200) {
                    received.append(new String(buffer, 0, Math.min(read, 200), StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException silent) {
                try {
                    whileOpen.run();
                } catch (IOException closed) {
                    return new Ended(Duration.between(since, Instant.now()), bytes, received.toString());
                }
            } catch (IOException reset) {
                return new Ended(Duration.between(since, Instant.now()), bytes, received.toString());
            }
        }
    }

    /** A request whose header is complete and whose body is pending: nginx counts it as in flight. */
    private static Socket requestWithPendingBody(String clientAddress) throws IOException {
        Socket socket = connect(clientAddress);
        socket.getOutputStream().write(ascii("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"));
        return socket;
    }

    /** No answer yet: nginx took the request and is still reading its body. */
    private static boolean unanswered(Socket socket) {
        try {
            return socket.getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** GET / from another loopback address (Linux routes all of 127.0.0.0/8 to this machine, nginx listens on all). */
    private static int statusFrom(String clientAddress) throws IOException {
        try (Socket socket = connect(clientAddress)) {
            socket.setSoTimeout((int) Http.DEADLINE.toMillis());
            socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.lines().findFirst().orElse("- 0").split(" ")[1]);
        }
    }

    private static Socket connect(String clientAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(clientAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", UI_PORT), 5_000);
        return socket;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
