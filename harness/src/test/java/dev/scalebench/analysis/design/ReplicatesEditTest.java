package dev.scalebench.analysis.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicatesEditTest {
    private static final String SPEC = """
            # a comment
            name: x
            replicates: 3   # how many
            measure:
              warmup:
                min: 4
              iterations:
                min: 10 # floor
                max-time: 1s
            seed: 7
            """;

    @Test
    void replacesOnlyTheValueAndKeepsTheComment() {
        assertThat(ReplicatesEdit.replicates(SPEC, 12)).isEqualTo(SPEC.replace("replicates: 3 ", "replicates: 12 "));
    }

    @Test
    void appendsReplicatesWhenAbsent() {
        assertThat(ReplicatesEdit.replicates("name: x", 7)).isEqualTo("name: x\nreplicates: 7\n");
    }

    @Test
    void setsTheIterationsMinimumNotTheWarmupOne() {
        assertThat(ReplicatesEdit.iterationsMin(SPEC, 10_000)).isEqualTo(SPEC.replace("min: 10 #", "min: 10000 #"));
    }

    @Test
    void aMissingIterationsMinimumIsAnErrorThatSaysWhatToAdd() {
        assertThatThrownBy(() -> ReplicatesEdit.iterationsMin("name: x\nmeasure:\n  warmup:\n    min: 3\n", 5))
                .hasMessageContaining("measure: iterations: min:");
    }
}
