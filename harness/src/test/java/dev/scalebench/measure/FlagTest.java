package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FlagTest {

    @Test
    void idsAreTheSpellingsResultFilesHoldAndParseBack() {
        for (Flag f : Flag.values()) {
            assertThat(Flag.parse(f.id())).isSameAs(f);
            assertThat(f).hasToString(f.id());
        }
        assertThat(Flag.GC.id()).isEqualTo("gc");
        assertThat(Flag.NOT_STEADY.id()).isEqualTo("not-steady");
        assertThat(Flag.P99_LOW_CONFIDENCE.id()).isEqualTo("p99-low-confidence");
        assertThat(Flag.MAX_TIME.id()).isEqualTo("max-time");
    }

    /** summary.csv and fits.json list flags sorted; sorting the enum must give the order sorting the ids gave. */
    @Test
    void declarationOrderIsIdOrder() {
        List<String> ids = Arrays.stream(Flag.values()).map(Flag::id).toList();
        assertThat(ids).isSortedAccordingTo(String::compareTo);
        assertThat(new TreeSet<>(List.of(Flag.P99_LOW_CONFIDENCE, Flag.GC, Flag.NOT_STEADY, Flag.MAX_TIME)))
                .extracting(Flag::id).containsExactly("gc", "max-time", "not-steady", "p99-low-confidence");
    }

    @Test
    void anUnknownIdNamesItselfAndTheKnownOnes() {
        assertThatThrownBy(() -> Flag.parse("GC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("unknown flag 'GC'", "energy-short, gc, interfered, max-time, not-steady, p99-low-confidence, throttled");
    }
}
