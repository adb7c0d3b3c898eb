package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.FailureKind;
import org.junit.jupiter.api.Test;

class DjlFailuresTest {

    @Test
    void outOfMemoryMessagesAndErrorsAreOutOfMemory() {
        EngineException cuda = new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB\nmore text");
        assertThat(Failures.map("step", cuda).kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
        assertThat(Failures.map("step", cuda).getMessage()).isEqualTo("step: out of memory: CUDA out of memory. "
                + "Tried to allocate 2.00 GiB");
        assertThat(Failures.map("open", new OutOfMemoryError("Java heap space")).kind())
                .isEqualTo(FailureKind.OUT_OF_MEMORY);
        assertThat(Failures.map("open", new RuntimeException("wrapped", new EngineException("Out Of Memory"))).kind())
                .isEqualTo(FailureKind.OUT_OF_MEMORY);
    }

    @Test
    void otherFailuresAreEngineErrors() {
        BackendException e = Failures.map("step", new EngineException("shape mismatch"));
        assertThat(e.kind()).isEqualTo(FailureKind.ENGINE_ERROR);
        assertThat(e.getMessage()).contains("shape mismatch");
        BackendException given = new BackendException(FailureKind.UNSUPPORTED, "x", null);
        assertThat(Failures.map("step", given)).isSameAs(given);
    }
}
