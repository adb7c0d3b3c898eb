package dev.scalebench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH's time for one {@link MatMulSession#step()}: the reference the harness's own measurement of the same step is
 * compared with ({@link HarnessVsJmh}). Warm-up and measurement last as long as the harness's trial in that
 * comparison (3 s and 5 s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DjlOpBenchmark {
    private MatMulSession session;

    @Setup
    public void setUp() {
        session = new MatMulSession();
    }

    @TearDown
    public void tearDown() {
        session.close();
    }

    @Benchmark
    public void matMul64() {
        session.step();
    }
}
