package dev.scalebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushGatewayTest {
    private static final String BODY = "# HELP x_total things\n# TYPE x_total counter\nx_total 3.0\n";

    @Test
    void pushesTheExpositionWithPutToTheGroupOfJobAndInstance() throws Exception {
        try (RecordingServer gw = new RecordingServer(200)) {
            Optional<String> problem = PushGateway.push(gw.url() + "/", "gpu-node 7", null, BODY);
            assertThat(problem).isEmpty();
            assertThat(gw.requests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("PUT");
                assertThat(r.path()).isEqualTo("/metrics/job/scalebench/instance/gpu-node%207");
                assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
                assertThat(r.body()).isEqualTo(BODY);
            });
        }
    }

    @Test
    void eachShardOfAMachineHasItsOwnGroup() throws Exception {
        try (RecordingServer gw = new RecordingServer(202)) {
            assertThat(PushGateway.push(gw.url(), "node1", "2of8", BODY)).isEmpty();
            assertThat(PushGateway.push(gw.url(), "node1", "3of8", BODY)).isEmpty();
            assertThat(gw.requests()).extracting(RecordingServer.Request::path).containsExactly(
                    "/metrics/job/scalebench/instance/node1/shard/2of8",
                    "/metrics/job/scalebench/instance/node1/shard/3of8");
        }
    }

    @Test
    void aRejectedOrUnreachableGatewayIsAWarningNamingWhy() throws Exception {
        try (RecordingServer gw = new RecordingServer(400)) {
            assertThat(PushGateway.push(gw.url(), "h", null, BODY)).hasValueSatisfying(w -> assertThat(w)
                    .contains("/metrics/job/scalebench/instance/h").contains("HTTP 400").contains("push rejected"));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(PushGateway.push("http://127.0.0.1:" + closed, "h", null, BODY)).hasValueSatisfying(w ->
                assertThat(w).contains("127.0.0.1:" + closed).contains("ConnectException"));
        assertThat(PushGateway.push("http://bad host", "h", null, BODY)).hasValueSatisfying(w ->
                assertThat(w).contains("not a URL"));
    }

    @Test
    void whatWentWrongNeverQuotesTheUrlsPassword() throws Exception {
        try (RecordingServer gw = new RecordingServer(400)) {
            String url = gw.url().replace("http://", "http://user:s3cret@");
            assertThat(PushGateway.push(url, "h", null, BODY)).hasValueSatisfying(w -> assertThat(w)
                    .contains("http://user:***@127.0.0.1:").contains("HTTP 400").doesNotContain("s3cret"));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(PushGateway.push("http://user:s3cret@127.0.0.1:" + closed, "h", null, BODY))
                .hasValueSatisfying(w -> assertThat(w).contains("http://user:***@127.0.0.1:" + closed)
                        .contains("ConnectException").doesNotContain("s3cret"));
        assertThat(PushGateway.push("http://user:s3cret@host:9091/a|b", "h", null, BODY)).hasValueSatisfying(w ->
                assertThat(w).contains("not a URL: http://user:***@host:9091/a|b").doesNotContain("s3cret"));
    }
}
