package dev.scalebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link MetricsServer#linger(Duration)}: it waits for a scrape that read the final state, and only for that. */
class MetricsServerLingerTest {

    private static String get(MetricsServer server, String method) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void lingerWaitsForAScrapeAfterTheFinalStateOnly() throws Exception {
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            server.serve(() -> "x 1\n");
            assertThat(server.linger(Duration.ZERO)).as("no final state marked: nothing to wait for").isFalse();
            get(server, "GET");
            server.serve(() -> "x 2\n");
            server.finalState();
            assertThat(server.linger(Duration.ZERO)).as("the scrape before the mark read no final state").isFalse();
            get(server, "HEAD");
            assertThat(server.linger(Duration.ZERO)).as("a HEAD reads no state").isFalse();
            assertThat(get(server, "GET")).isEqualTo("x 2\n");
            assertThat(server.linger(Duration.ZERO)).as("a scrape read the final state").isTrue();
            assertThat(server.linger(Duration.ofDays(1))).as("returns at once once scraped").isTrue();
        }
    }
}
