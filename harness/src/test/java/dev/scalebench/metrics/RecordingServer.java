package dev.scalebench.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that records every request it gets and answers with a fixed status. */
public final class RecordingServer implements AutoCloseable {
    /**
     * @param method HTTP method
     * @param path request path
     * @param contentType the Content-Type header
     * @param body the body as UTF-8
     */
    public record Request(String method, String path, String contentType, String body) { }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Starts on a free port of the loopback interface, answering {@code status} to everything. */
    public RecordingServer(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                byte[] answer = (status / 100 == 2 ? "" : "push rejected: bad metric\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        server.start();
    }

    /** Its base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
