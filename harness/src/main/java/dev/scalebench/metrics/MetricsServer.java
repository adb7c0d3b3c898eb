package dev.scalebench.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A scrape endpoint, {@code GET /metrics}, while a sweep runs (the JDK's HTTP server on all interfaces). Until a
 * source is set it serves an empty exposition.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private volatile Supplier<String> source = () -> "";

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on {@code port} (0: any free port).
     *
     * @throws ScalebenchException (bad input) when the port cannot be bound
     */
    public static MetricsServer start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw ScalebenchException.badInput("--serve-metrics " + port + ": cannot listen on this port: " + e);
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

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = source.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PushGateway.CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
