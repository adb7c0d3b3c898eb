package dev.scalebench.kernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Run-time compilation of a kernel source with NVRTC, to a cubin for the GPU at hand. JCuda's {@code libJNvrtc}
 * links against {@code libnvrtc.so.12}; where that library is missing, {@link #compile} says so.
 */
final class Nvrtc {

    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private Nvrtc() {
    }

    /** NVRTC could not be loaded or the source did not compile; the message says which and why. */
    static final class NvrtcException extends Exception {
        private static final long serialVersionUID = 1L;

        NvrtcException(String message) {
            super(message);
        }
    }

    /**
     * Compiles {@code source} to a cubin for {@code gpu}.
     *
     * @param headers finds the text of a quoted {@code #include} by name (scalebench's own headers)
     */
    static byte[] compile(String file, String source, Function<String, Optional<String>> headers, GpuInfo gpu)
            throws NvrtcException {
        Map<String, String> found = new LinkedHashMap<>();
        collectHeaders(source, headers, found);
        try {
            return compileLoaded(file, source, found, gpu);
        } catch (LinkageError e) {
            throw new NvrtcException("NVRTC is unavailable: JCuda's libJNvrtc did not load (" + CudaProbe.linkError(e)
                    + "); it needs libnvrtc.so.12 on LD_LIBRARY_PATH (CUDA 12 toolkit, or PyTorch's"
                    + " nvidia/cuda_nvrtc/lib)");
        }
    }

    /** The quoted includes of {@code source}, transitively. */
    static void collectHeaders(String source, Function<String, Optional<String>> headers, Map<String, String> into) {
        Matcher m = INCLUDE.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            if (!into.containsKey(name)) {
                Optional<String> text = headers.apply(name);
                if (text.isPresent()) {
                    into.put(name, text.get());
                    collectHeaders(text.get(), headers, into);
                }
            }
        }
    }

    private static byte[] compileLoaded(String file, String source, Map<String, String> headers, GpuInfo gpu)
            throws NvrtcException {
        nvrtcProgram program = new nvrtcProgram();
        check(JNvrtc.nvrtcCreateProgram(program, source, file, headers.size(),
                headers.values().toArray(String[]::new), headers.keySet().toArray(String[]::new)),
                "nvrtcCreateProgram(" + file + ")");
        try {
            List<String> options = new ArrayList<>(List.of("--gpu-architecture=" + gpu.arch(), "--std=c++17"));
            cudaInclude().ifPresent(dir -> options.add("--include-path=" + dir));
            int r = JNvrtc.nvrtcCompileProgram(program, options.size(), options.toArray(String[]::new));
            if (r != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = {""};
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new NvrtcException("NVRTC could not compile " + file + " for " + gpu.arch() + ": "
                        + nvrtcResult.stringFor(r) + "\n" + log[0].strip());
            }
            long[] size = {0};
            check(JNvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
            byte[] cubin = new byte[(int) size[0]];
            check(JNvrtc.nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
            return cubin;
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** The CUDA toolkit's include folder, for {@code cuda_fp16.h} and {@code cuda_bf16.h}, when there is one. */
    static Optional<Path> cudaInclude() {
        for (String home : new String[] {System.getenv("CUDA_HOME"), System.getenv("CUDA_PATH"), "/usr/local/cuda"}) {
            if (home != null && Files.isRegularFile(Path.of(home, "include", "cuda_fp16.h"))) {
                return Optional.of(Path.of(home, "include"));
            }
        }
        return Optional.empty();
    }

    private static void check(int result, String call) throws NvrtcException {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            throw new NvrtcException(call + " failed: " + nvrtcResult.stringFor(result));
        }
    }
}
