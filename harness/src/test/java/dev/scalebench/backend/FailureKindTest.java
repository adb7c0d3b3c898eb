package dev.scalebench.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void idsAreTheSpellingsResultFilesHoldAndParseBack() {
        assertThat(Arrays.stream(FailureKind.values()).map(FailureKind::id))
                .containsExactly("out-of-memory", "engine-error", "unsupported", "timeout", "infeasible");
        for (FailureKind k : FailureKind.values()) {
            assertThat(FailureKind.parse(k.id())).isSameAs(k);
            assertThat(k).hasToString(k.id());
        }
    }

    @Test
    void anUnknownIdNamesItselfAndTheKnownOnes() {
        assertThatThrownBy(() -> FailureKind.parse("OUT_OF_MEMORY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'OUT_OF_MEMORY'",
                        "out-of-memory, engine-error, unsupported, timeout, infeasible");
        assertThatThrownBy(() -> FailureKind.parse("melted")).hasMessageContaining("unknown failure kind 'melted'");
    }
}
