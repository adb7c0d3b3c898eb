package dev.scalebench.backend.djl;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link LibtorchDiscovery} found: the libtorch DJL is to load on a GPU machine, or why none, and what
 * to say about it: a line on standard error, a fingerprint fact, a fix.
 *
 * @param outcome what it did
 * @param gpu why it thinks there is a GPU ({@code /dev/nvidia0 exists}); empty without one
 * @param chosen the libtorch chosen ({@link Outcome#FOUND}) or set by hand ({@link Outcome#SET_BY_HAND})
 * @param rejected the libtorch folders found that DJL's JNI does not fit, each with its problem
 * @param looked where it looked and what each place answered
 * @param jni DJL's JNI; empty where the discovery did not read it ({@link Outcome#NO_GPU},
 *     {@link Outcome#CPU_CHOSEN})
 */
public record LibtorchChoice(Outcome outcome, String gpu, Optional<Libtorch> chosen, List<Libtorch> rejected,
        List<String> looked, Optional<TorchJni> jni) {

    /** What the discovery did. */
    public enum Outcome {
        /** No GPU: nothing looked at. */
        NO_GPU,
        /** {@code PYTORCH_LIBRARY_PATH} is set: no discovery; {@link LibtorchChoice#chosen()} is that folder, checked. */
        SET_BY_HAND,
        /** {@code PYTORCH_FLAVOR=cpu} is set: no discovery. */
        CPU_CHOSEN,
        /** A CUDA libtorch that DJL's JNI fits: {@link LibtorchChoice#chosen()}. */
        FOUND,
        /** None: {@link LibtorchChoice#looked()} says where it looked, {@link LibtorchChoice#rejected()} what did not fit. */
        NOT_FOUND
    }

    public LibtorchChoice {
        rejected = List.copyOf(rejected);
        looked = List.copyOf(looked);
    }

    /** The one line for standard error: when a libtorch was found, or none was; else empty. */
    public Optional<String> line() {
        return switch (outcome) {
            case FOUND -> Optional.of("scalebench: a GPU (" + gpu + ") and no PYTORCH_LIBRARY_PATH: DJL loads "
                    + chosen.orElseThrow().describe() + " (" + settingsText() + "); set PYTORCH_LIBRARY_PATH to"
                    + " choose another libtorch, or PYTORCH_FLAVOR=cpu for the bundled CPU one");
            case NOT_FOUND -> Optional.of("scalebench: a GPU (" + gpu + ") but no CUDA libtorch that DJL's JNI ("
                    + jni.orElseThrow().describe() + ") fits: looked at " + String.join(", ", looked) + rejectedText()
                    + "; the djl backend runs on the CPU. fix: " + fix());
            default -> Optional.empty();
        };
    }

    /** The fingerprint fact {@code pytorch.discovered}; empty without a GPU and without a hand-set path. */
    public Optional<String> fact() {
        return switch (outcome) {
            case NO_GPU -> Optional.empty();
            case SET_BY_HAND -> Optional.of("off: PYTORCH_LIBRARY_PATH is set");
            case CPU_CHOSEN -> Optional.of("off: PYTORCH_FLAVOR=cpu is set");
            case FOUND -> Optional.of(chosen.orElseThrow().describe());
            case NOT_FOUND -> Optional.of("none: " + (rejected.isEmpty() ? "no CUDA libtorch in "
                    + String.join(", ", looked) : rejected.get(0).describe() + ": " + rejected.get(0).problem()));
        };
    }

    /** What to do when no libtorch fits: install the matching torch, or point the variables at one. */
    public String fix() {
        TorchJni jni = this.jni.orElseGet(TorchJni::fromClassPath);
        String cu = jni.bundledFlavours().stream().filter(f -> f.startsWith("cu")).max(String::compareTo)
                .orElse("cu128");
        String v = jni.torchVersion().isEmpty() ? "<the JNI's version>" : jni.torchVersion();
        return "install the matching torch (pip install torch==" + v
                + " --index-url https://download.pytorch.org/whl/" + cu + "), or set PYTORCH_LIBRARY_PATH (with"
                + " PYTORCH_FLAVOR=" + cu + " and PYTORCH_VERSION=" + v + ") to a CUDA libtorch " + v;
    }

    private String settingsText() {
        return chosen.orElseThrow().settings().entrySet().stream().filter(e -> !e.getKey().endsWith("PATH"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private String rejectedText() {
        return rejected.isEmpty() ? "" : "; not usable: " + rejected.stream()
                .map(l -> l.describe() + ": " + l.problem()).collect(Collectors.joining("; "));
    }
}

