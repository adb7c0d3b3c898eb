package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.metrics.MetricsServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --serve-metrics [ADDRESS:]PORT}: loopback unless an address is named, the bound address printed, bad forms
 * refused.
 */
class ServeMetricsTest {
    private static final String SPEC = Cli.onePointSimSpec("served");

    private static int scrape(String host, int port) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 10_000); // generous: a busy machine answers late
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An IPv4 address of this machine other than loopback, if it has one. */
    private static Optional<InetAddress> otherAddress() throws IOException {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && !n.isLoopback()) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Cli.Result sweep(Path tmp, String serveMetrics) throws IOException {
        Path spec = Files.writeString(tmp.resolve("served.yaml"), SPEC);
        return Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString(), "--no-analyze", "--no-history",
                "--serve-metrics", serveMetrics);
    }

    @Test
    void aPortAloneListensOnLoopbackOnly() throws Exception {
        try (MetricsServer server = MetricsServer.start(SweepCommand.parseServeMetrics("0"))) {
            InetSocketAddress bound = server.address();
            assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            int port = bound.getPort();
            assertThat(port).isPositive();
            assertThat(scrape("127.0.0.1", port)).isEqualTo(200);
            assertThat(server.describe()).isEqualTo("http://127.0.0.1:" + port + "/metrics (this machine only)");
            Optional<InetAddress> other = otherAddress();
            if (other.isPresent()) {
                assertThat(connects(other.get(), port)).as("reachable on %s", other.get()).isFalse();
            }
        }
    }

    @Test
    void theWildcardAddressListensOnEveryInterface() throws Exception {
        try (MetricsServer server = MetricsServer.start(SweepCommand.parseServeMetrics("0.0.0.0:0"))) {
            InetSocketAddress bound = server.address();
            assertThat(bound.getAddress().isAnyLocalAddress()).isTrue();
            int port = bound.getPort();
            assertThat(scrape("127.0.0.1", port)).isEqualTo(200);
            // Java reports a wildcard socket as [::] where the system has IPv6 (one socket for both families)
            assertThat(server.describe()).matches("http://(0\\.0\\.0\\.0|\\[::]):" + port
                    + "/metrics \\(every interface, e\\.g\\. http://\\S+:" + port + "/metrics\\)");
            Optional<InetAddress> other = otherAddress();
            if (other.isPresent()) {
                assertThat(connects(other.get(), port)).as("reachable on %s", other.get()).isTrue();
            }
        }
    }

    @Test
    void addressesAreIpv4Ipv6InBracketsOrHostNames() {
        assertThat(SweepCommand.parseServeMetrics("9464")).isEqualTo(new InetSocketAddress("127.0.0.1", 9464));
        assertThat(SweepCommand.parseServeMetrics("192.168.1.5:9464"))
                .isEqualTo(new InetSocketAddress("192.168.1.5", 9464));
        InetSocketAddress any6 = SweepCommand.parseServeMetrics("[::]:9464");
        assertThat(any6.getAddress()).isInstanceOf(Inet6Address.class).matches(InetAddress::isAnyLocalAddress);
        assertThat(any6.getPort()).isEqualTo(9464);
        assertThat(SweepCommand.parseServeMetrics("[::1]:0").getAddress())
                .isInstanceOf(Inet6Address.class).matches(InetAddress::isLoopbackAddress);
        assertThat(SweepCommand.parseServeMetrics("localhost:65535").getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void theServingLineNamesTheAddressBound(@TempDir Path tmp) throws Exception {
        Cli.Result loopback = sweep(tmp, "0");
        assertThat(loopback.code()).as(loopback.err()).isZero();
        assertThat(loopback.err()).containsPattern("metrics: serving http://127\\.0\\.0\\.1:[1-9][0-9]*/metrics"
                + " \\(this machine only\\) while the sweep runs");
        Cli.Result wildcard = sweep(tmp, "0.0.0.0:0");
        assertThat(wildcard.code()).as(wildcard.err()).isZero();
        assertThat(wildcard.err()).containsPattern("metrics: serving http://(0\\.0\\.0\\.0|\\[::]):[1-9][0-9]*/metrics"
                + " \\(every interface, e\\.g\\. http://\\S+:[1-9][0-9]*/metrics\\) while the sweep runs");
    }

    @Test
    void badFormsExit2NamingTheValueAndTheExpectedForm(@TempDir Path tmp) throws Exception {
        for (String bad : new String[] {"70000", "-1", "abc", ":9464", "9464:", "::1:9464", "[::1]", "1.2.3.4:",
                "host:port", "[::1]:99999", "0.0.0.0:9464:1", "a b:9464", ""}) {
            Cli.Result r = sweep(tmp, bad);
            assertThat(r.code()).as("--serve-metrics '%s': %s", bad, r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--serve-metrics " + bad + ": expected PORT or ADDRESS:PORT, such as 9464"
                    + " (127.0.0.1, this machine only), 0.0.0.0:9464 or [::]:9464 (every interface)");
        }
        Cli.Result unknown = sweep(tmp, "no-such-host.invalid:9464");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--serve-metrics no-such-host.invalid:9464: no-such-host.invalid is"
                + " neither an IP address");
        InetAddress elsewhere = InetAddress.getByName("203.0.113.7");
        assumeTrue(NetworkInterface.getByInetAddress(elsewhere) == null, "203.0.113.7 is this machine's");
        Cli.Result notHere = sweep(tmp, "203.0.113.7:0");
        assertThat(notHere.code()).isEqualTo(2);
        assertThat(notHere.err()).contains("--serve-metrics 203.0.113.7:0: cannot listen on this address and port");
        assertThat(tmp.resolve("results")).as("no run folder for a refused option").satisfies(d ->
                assertThat(!Files.exists(d) || Files.list(d).findAny().isEmpty()).isTrue());
    }
}
