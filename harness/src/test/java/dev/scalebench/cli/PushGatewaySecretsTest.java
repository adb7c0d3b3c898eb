package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.metrics.RecordingServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --push-gateway} URL with {@code user:password@} never shows its password: not in the "pushed to" line,
 * not in the warning of a failed push, not in a run folder's files.
 */
class PushGatewaySecretsTest {
    private static final String SPEC = Cli.onePointSimSpec("hush");

    private static Cli.Result sweep(Path tmp, String gateway) throws IOException {
        Path spec = Files.writeString(tmp.resolve("hush.yaml"), SPEC);
        return Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString(), "--push-gateway", gateway);
    }

    @Test
    void aFailedPushWarnsWithoutThePassword(@TempDir Path tmp) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result r = sweep(tmp, "http://user:S3cret@127.0.0.1:" + closed);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("metrics: warning: push to the Pushgateway failed: http://user:***@127.0.0.1:"
                + closed + "/metrics/job/scalebench/instance/");
        assertThat(r.out() + r.err()).doesNotContain("S3cret");
        HistorySecretsTest.assertNoSecretIn(tmp);
    }

    @Test
    void aSuccessfulPushNamesTheGatewayWithoutThePassword(@TempDir Path tmp) throws IOException {
        try (RecordingServer gateway = new RecordingServer(200)) {
            String url = gateway.url().replace("http://", "http://user:S3cret@");
            Cli.Result r = sweep(tmp, url);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("metrics: pushed to " + gateway.url().replace("http://", "http://user:***@")
                    + "/metrics/job/scalebench/instance/");
            assertThat(gateway.requests()).hasSize(1);
            assertThat(r.out() + r.err()).doesNotContain("S3cret");
            HistorySecretsTest.assertNoSecretIn(tmp);
        }
    }

    @Test
    void aUrlTheClientCannotTakeOrTheOptionRefusesIsMasked(@TempDir Path tmp) throws IOException {
        Cli.Result notAUri = sweep(tmp, "http://user:S3cret@127.0.0.1:9/a|b");
        assertThat(notAUri.code()).as(notAUri.err()).isZero();
        assertThat(notAUri.err()).contains("push to the Pushgateway failed: not a URL: http://user:***@127.0.0.1:9/a|b");
        Cli.Result refused = sweep(tmp, "ftp://user:S3cret@gateway:9091");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--push-gateway ftp://user:***@gateway:9091: must be an http://");
        for (Cli.Result r : new Cli.Result[] {notAUri, refused}) {
            assertThat(r.out() + r.err()).doesNotContain("S3cret");
        }
        HistorySecretsTest.assertNoSecretIn(tmp);
    }
}
