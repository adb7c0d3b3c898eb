package dev.scalebench.metrics;

import dev.scalebench.Host;
import dev.scalebench.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway: {@code PUT <url>/metrics/job/scalebench/instance/<host>}
 * (and {@code /shard/<K>of<N>} for a shard, so that the shards of one machine, one per GPU, keep separate groups)
 * with the text exposition as the body (a PUT replaces the whole group, so a run's push never mixes with the
 * previous run's).
 */
public final class PushGateway {
    /** The {@code job} label of the grouping key. */
    public static final String JOB = "scalebench";
    /** The exposition's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PushGateway() {
    }

    /** The group's address under a Pushgateway's base {@code url}; {@code shard} may be {@code null}. */
    public static URI groupUri(String url, String instance, String shard) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(base + "/metrics/job/" + JOB + "/instance/" + encode(instance)
                + (shard == null ? "" : "/shard/" + encode(shard)));
    }

    private static String encode(String labelValue) {
        return URLEncoder.encode(labelValue, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Pushes {@code exposition}.
     *
     * @return empty when the gateway accepted it, else what went wrong (a warning: a push never fails a run), with
     *     the secrets of {@code url} masked ({@link Secrets}) wherever the message quotes them
     */
    public static Optional<String> push(String url, String instance, String shard, String exposition) {
        return attempt(url, instance, shard, exposition).map(problem -> Secrets.mask(problem, url));
    }

    private static Optional<String> attempt(String url, String instance, String shard, String exposition) {
        URI uri;
        try {
            uri = groupUri(url, instance, shard);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL: " + url + " (" + e.getMessage() + ")");
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", CONTENT_TYPE)
                    .PUT(HttpRequest.BodyPublishers.ofString(exposition, StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().strip();
                return Optional.of(uri + " answered HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + body.lines().findFirst().orElse("")));
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(uri + ": interrupted");
        }
    }

    /** This machine's name, for the {@code instance} label. */
    public static String localInstance() {
        return Host.name();
    }
}
