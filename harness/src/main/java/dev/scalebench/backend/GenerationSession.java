package dev.scalebench.backend;

/**
 * A session of a {@code generate} point: one request is {@link #prefill()} followed by {@link #outputTokens()}
 * {@code − 1} calls of {@link #decode()}.
 *
 * <p><b>Contract.</b> {@link #prefill()} starts a new request: the KV cache is emptied (its length reset, not
 * reallocated), the {@code batch × seq} prompt tokens are run, their keys and values written into the cache, and the
 * first output token of every sequence produced; it returns once the device has finished. Each {@link #decode()}
 * then runs one token per sequence, attending over every cached position, and appends that token's keys and values
 * to the cache <em>in place</em> (the cache is allocated once, for {@code seq + output} positions, when the session
 * opens), so step {@code k} of a request attends over {@code seq + k} positions. A call of {@code decode()} beyond
 * the request's {@code output − 1} steps, or before any {@code prefill()}, throws {@link IllegalStateException}.
 * As for {@link Session#step()}, nothing is allocated on the Java heap per call where the engine can avoid it, and
 * {@link #lastDeviceNanos()} is the device time of the last call.
 *
 * <p>{@link #step()} runs one whole request; the measurement ({@code measure.GenerationRunner}) calls the two parts
 * itself so it can read the clock at every token.
 */
public interface GenerationSession extends Session {

    /** Output tokens per sequence in one request (at least 1): the prefill's token and {@code output − 1} decodes. */
    int outputTokens();

    /** Starts a request: resets the cache, runs the prompt and produces each sequence's first token. */
    void prefill() throws Exception;

    /** One decode step: the next token of every sequence, its keys and values appended to the cache in place. */
    void decode() throws Exception;

    /** One whole request: {@link #prefill()}, then {@code output − 1} {@link #decode()} steps. */
    @Override
    default void step() throws Exception {
        prefill();
        for (int i = 1; i < outputTokens(); i++) {
            decode();
        }
    }
}
