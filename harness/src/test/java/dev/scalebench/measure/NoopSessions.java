package dev.scalebench.measure;

import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.Session;

/** Sessions that do nothing: what the harness's own cost is measured with (allocation tests, benchmarks). */
public final class NoopSessions {

    private NoopSessions() {
    }

    /** A step session whose step does nothing. */
    public static Session step() {
        return new Session() {
            @Override
            public void step() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A generation session of {@code output} tokens per request whose prefill and decode do nothing. */
    public static GenerationSession generation(int output) {
        return new GenerationSession() {
            @Override
            public int outputTokens() {
                return output;
            }

            @Override
            public void prefill() {
            }

            @Override
            public void decode() {
            }

            @Override
            public void close() {
            }
        };
    }
}
