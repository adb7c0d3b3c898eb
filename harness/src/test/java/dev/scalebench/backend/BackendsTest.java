package dev.scalebench.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.config.BackendNames;
import dev.scalebench.config.SpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: what ServiceLoader finds on the class path, once, sorted; and what the sweep files accept. */
class BackendsTest {

    @Test
    void findsTheMainAndTheTestServicesFilesSortedByName() {
        // main's services file (djl, sim, cuda) and the tests' (fault, timed, testengine) are both on the class path
        assertThat(Backends.names()).contains("cuda", "djl", "sim", "fault", "timed", "testengine").isSorted()
                .doesNotHaveDuplicates();
        assertThat(Backends.problems()).isEmpty();
        assertThat(Backends.providers()).as("loaded once").isSameAs(Backends.providers());
        assertThat(BackendProvider.names()).isEqualTo(Backends.names());
    }

    @Test
    void findsByNameAndListsTheKnownOnesOtherwise() {
        assertThat(Backends.find("sim")).isSameAs(Backends.lookup("sim").orElseThrow());
        assertThat(Backends.lookup("tensorflow")).isEmpty();
        assertThatThrownBy(() -> BackendProvider.find("tensorflow")).isInstanceOf(BackendUnavailableException.class)
                .hasMessage("unavailable: no backend named 'tensorflow' (known: " + String.join(", ", Backends.names())
                        + ")");
    }

    @Test
    void theSweepFileValidationAcceptsExactlyTheRegisteredNames() {
        assertThat(BackendNames.registered().names()).containsExactlyElementsOf(Backends.names());
        assertThat(new SpecLoader(java.nio.file.Path.of("..", "profiles")).loadProfile("smoke").backend())
                .isIn(Backends.names());
    }

    @Test
    void aGpuIdNamesItsIndex() {
        assertThat(new DeviceInfo("gpu:3", "x", -1).gpuIndex()).hasValue(3);
        for (String id : List.of("cpu", "sim", "gpu", "gpu:", "gpu:x", "gpu:-1")) {
            assertThat(new DeviceInfo(id, "x", -1).gpuIndex()).as(id).isEmpty();
        }
    }

    @Test
    void aDiagnosisIsOkAbsentOrBrokenAndRequiredOnlyWhenSaid() {
        assertThat(Diagnosis.ok("a", "fine")).extracting(Diagnosis::ok, Diagnosis::required)
                .containsExactly(true, false);
        assertThat(Diagnosis.of("b", false, null, "do x").state()).isEqualTo(Diagnosis.State.ABSENT);
        assertThat(Diagnosis.of("b", false, null, "do x").detail()).isEmpty();
        Diagnosis broken = Diagnosis.broken("c", "boom", "fix it").withRequired(true);
        assertThat(broken).extracting(Diagnosis::ok, Diagnosis::required, Diagnosis::state)
                .containsExactly(false, true, Diagnosis.State.BROKEN);
    }
}
