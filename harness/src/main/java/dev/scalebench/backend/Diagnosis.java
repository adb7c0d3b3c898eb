package dev.scalebench.backend;

import java.util.Objects;

/**
 * One line of {@code scalebench doctor} about a backend: a part the engine needs (a library, a driver, a device, a
 * file) and whether it is there. {@link BackendProvider#diagnose(boolean)} returns these; the doctor prints each as
 *
 * <pre>
 * ok       DJL PyTorch engine           device cpu (...); engine=PyTorch, ...
 * absent   JCuda driver binding         no CUDA driver (libcuda.so.1) ...
 *                                       fix: install the NVIDIA driver ...
 * </pre>
 *
 * <p>and exits 4 when a {@link #required() required} part is not {@link State#OK}.
 *
 * @param name what is checked, as the doctor's second column prints it ({@code DJL PyTorch engine}, {@code GPU 0})
 * @param state whether the part works
 * @param required whether the default sweep cannot run without it (then anything but {@link State#OK} makes the
 *     doctor print {@code MISSING} and exit 4)
 * @param detail what was found (versions, devices) or why not; null reads as empty
 * @param fix what to do when the part is not {@link State#OK}; null when there is nothing to say
 */
public record Diagnosis(String name, State state, boolean required, String detail, String fix) {

    /** How a checked part stands. */
    public enum State {
        /** Present and working. */
        OK,
        /** Not there (not installed, no device); an optional part may well be absent. */
        ABSENT,
        /** There but not working (it fails to load, it answers with an error). */
        BROKEN
    }

    public Diagnosis {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    /** An optional part that works. */
    public static Diagnosis ok(String name, String detail) {
        return new Diagnosis(name, State.OK, false, detail, null);
    }

    /** An optional part that works when {@code ok}, else is absent with {@code fix}. */
    public static Diagnosis of(String name, boolean ok, String detail, String fix) {
        return new Diagnosis(name, ok ? State.OK : State.ABSENT, false, detail, fix);
    }

    /** An optional part that is absent. */
    public static Diagnosis absent(String name, String detail, String fix) {
        return new Diagnosis(name, State.ABSENT, false, detail, fix);
    }

    /** An optional part that is there but does not work. */
    public static Diagnosis broken(String name, String detail, String fix) {
        return new Diagnosis(name, State.BROKEN, false, detail, fix);
    }

    /** This diagnosis, required or not by the default sweep. */
    public Diagnosis withRequired(boolean isRequired) {
        return new Diagnosis(name, state, isRequired, detail, fix);
    }

    /** Whether the part works. */
    public boolean ok() {
        return state == State.OK;
    }
}
