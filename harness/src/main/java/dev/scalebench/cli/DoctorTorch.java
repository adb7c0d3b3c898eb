package dev.scalebench.cli;

import dev.scalebench.backend.djl.Libtorch;
import dev.scalebench.backend.djl.LibtorchChoice;
import dev.scalebench.backend.djl.LibtorchDiscovery;
import dev.scalebench.backend.djl.TorchJni;

/**
 * The doctor's look at the libtorch DJL loads against DJL's JNI: the CUDA libtorch found on a GPU machine
 * ({@link LibtorchDiscovery}), or the one {@code PYTORCH_LIBRARY_PATH} names, and whether the JNI fits it. DJL's
 * {@code pytorch-jni} is built against one libtorch version ({@code 2.7.1-0.35.1}: libtorch 2.7.1 for DJL 0.35.1);
 * a libtorch of another version does not load. When they do not match, it names both versions and the fix. Never
 * required: the default CPU sweep uses the bundled CPU libtorch.
 */
final class DoctorTorch {
    static final String NAME = "libtorch for DJL";

    private DoctorTorch() {
    }

    /** This process's discovery (already run when the DJL engine was opened above). */
    static DoctorCommand.Check check() {
        return check(LibtorchDiscovery.system());
    }

    static DoctorCommand.Check check(LibtorchChoice c) {
        String jni = c.jni().orElseGet(TorchJni::fromClassPath).describe();
        return switch (c.outcome()) {
            case NO_GPU -> ok("no GPU seen (no /proc/driver/nvidia/version, no /dev/nvidia0): the bundled CPU libtorch"
                    + " and " + jni);
            case CPU_CHOSEN -> ok("PYTORCH_FLAVOR=cpu: the bundled CPU libtorch, no CUDA libtorch looked for (" + jni
                    + ")");
            case FOUND -> ok("found " + c.chosen().orElseThrow().describe() + " (" + c.gpu() + "); it fits " + jni);
            case SET_BY_HAND -> {
                Libtorch l = c.chosen().orElseThrow();
                yield l.usable() ? ok("set by hand: " + l.describe() + "; it fits " + jni)
                        : DoctorCommand.Check.broken(NAME, "set by hand: " + l.describe() + ": " + l.problem(),
                                fixFor(l, c));
            }
            case NOT_FOUND -> c.rejected().isEmpty()
                    ? new DoctorCommand.Check(NAME, false, false, "a GPU (" + c.gpu() + ") but no CUDA libtorch: looked"
                            + " at " + String.join(", ", c.looked()) + "; the djl backend runs on the CPU", c.fix())
                    : DoctorCommand.Check.broken(NAME, "a GPU (" + c.gpu() + ") but no CUDA libtorch DJL's JNI fits: "
                            + String.join("; ", c.rejected().stream().map(l -> l.describe() + ": " + l.problem())
                                    .toList()), c.fix());
        };
    }

    private static DoctorCommand.Check ok(String detail) {
        return new DoctorCommand.Check(NAME, true, false, detail, null);
    }

    /**
     * An unknown version by stating it; a wrong flavour or version setting by setting it; anything else by another
     * libtorch.
     */
    private static String fixFor(Libtorch l, LibtorchChoice c) {
        if (l.version().isEmpty()) {
            return "set PYTORCH_VERSION to its version and PYTORCH_FLAVOR to its build (cpu, cu128); DJL's JNI needs"
                    + " libtorch " + c.jni().map(TorchJni::torchVersion).orElse("?");
        }
        if (!l.jniFlavour().isEmpty()) {
            return "set PYTORCH_FLAVOR=" + l.jniFlavour() + " and PYTORCH_VERSION=" + l.baseVersion()
                    + ", or unset PYTORCH_LIBRARY_PATH to let scalebench look for a libtorch on a GPU machine";
        }
        return c.fix() + "; or unset PYTORCH_LIBRARY_PATH to let scalebench look for one on a GPU machine";
    }
}
