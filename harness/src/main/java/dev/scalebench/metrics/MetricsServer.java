package dev.scalebench.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A scrape endpoint, {@code GET /metrics}, while a sweep runs (the JDK's HTTP server), on the address it is given:
 * the loopback address unless the user names another ({@code sweep --serve-metrics ADDRESS:PORT}), since the
 * metrics name the machine's models and devices. Until a source is set it serves an empty exposition.
 *
 * <p>A scraper polls: a sweep that ends between two scrapes would close the endpoint before any scrape read its
 * last trials. So the sweep marks its final state ({@link #finalState()}) and, before closing, may {@link
 * #linger(Duration)}: keep serving until one scrape has read that state, at most the given time
 * ({@code sweep --serve-metrics-linger}).
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private volatile Supplier<String> source = () -> "";
    /** Whether what it serves is the run's final state ({@link #finalState()}). */
    private volatile boolean finalState;
    /** Responses of the final state delivered whole (a scrape that read it). */
    private long finalScrapes;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on {@code address}: an address of this machine, or the wildcard address for every interface;
     * port 0 for any free port.
     *
     * @throws ScalebenchException (bad input) when the address and port cannot be bound (in use, not this machine's)
     */
    public static MetricsServer start(InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw ScalebenchException.badInput("--serve-metrics " + hostPort(address.getAddress(), address.getPort())
                    + ": cannot listen on this address and port: " + e);
        }
        MetricsServer m = new MetricsServer(server);
        server.createContext("/metrics", m::handle);
        server.start();
        return m;
    }

    /** Serves what {@code exposition} returns from now on. */
    public void serve(Supplier<String> exposition) {
        this.source = exposition;
    }

    /** Marks what it serves from now on as the run's final state, for {@link #linger(Duration)}. */
    public void finalState() {
        finalState = true;
    }

    /**
     * Waits until a scrape has read the final state ({@link #finalState()}: its response, read after the mark, was
     * sent whole), or {@code max} has passed, whichever comes first; returns whether such a scrape came. Returns
     * {@code false} at once when no final state was marked (a failed run).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized boolean linger(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (finalState && finalScrapes == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return finalState;
    }

    private synchronized void finalScraped() {
        finalScrapes++;
        notifyAll();
    }

    /** The address and port it listens on (the port chosen, when it was started with port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The port it listens on. */
    public int port() {
        return address().getPort();
    }

    /**
     * The endpoint's URL on the address it listens on, and who can reach it: {@code http://127.0.0.1:9464/metrics
     * (this machine only)}, {@code http://0.0.0.0:9464/metrics (every interface, e.g. http://HOST:9464/metrics)}.
     * (Where the system has IPv6, Java listens on 0.0.0.0 with one socket for both families, which it reports, and
     * this prints, as {@code [::]}.)
     */
    public String describe() {
        InetAddress a = address().getAddress();
        String url = "http://" + hostPort(a, port()) + "/metrics";
        if (a.isLoopbackAddress()) {
            return url + " (this machine only)";
        }
        return a.isAnyLocalAddress() ? url + " (every interface, e.g. http://" + PushGateway.localInstance() + ":"
                + port() + "/metrics)" : url;
    }

    /** {@code address:port} as a URL writes it: IPv6 in brackets. */
    static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            host = "[" + (address.isAnyLocalAddress() ? "::" : address.isLoopbackAddress() ? "::1" : host) + "]";
        }
        return host + ":" + port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            boolean isFinal = finalState;
            byte[] body = source.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PushGateway.CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            if (isFinal && !head) {
                finalScraped();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
