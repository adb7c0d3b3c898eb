package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scalebench.ScalebenchException;
import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.GenerationValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation columns of {@code fit --input} ({@code docs/fit-input.md}, "Generation columns"). */
class CsvGenerationTest {
    private static final double NAN = Double.NaN;

    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        return Files.writeString(tmp.resolve("runs.csv"), text, StandardCharsets.UTF_8);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> fails(String text) throws IOException {
        Path f = csv(text);
        Throwable t = catchThrowable(() -> CsvDataset.read(f));
        assertThat(t).isInstanceOf(ScalebenchException.class);
        assertThat(((ScalebenchException) t).exitCode()).isEqualTo(2);
        return assertThat(t);
    }

    private String at(int line) {
        return tmp.resolve("runs.csv") + ":" + line + ": ";
    }

    private static PointKey generate(String model, int batch, int seq, int output) {
        return new PointKey(model, "-", "generate", -1, batch, seq, output);
    }

    private static Sample sample(PointKey k, String replicate, double p50, double p99, double mean,
            GenerationValues g) {
        return new Sample(k, replicate, p50, p99, mean, NAN, List.of(), g);
    }

    // ---- happy paths ----

    @Test
    void everyGenerationColumnInItsUnitsMakesAGeneratePoint() throws IOException {
        Dataset d = CsvDataset.read(csv("model,batch,seq,output,TTFT_ms,ttft_p99_ms,tpot_us,tpot_p99_us,itl_p50_ns,"
                + "itl_p99_ns,e2e_s,e2e_p99_s,e2e_mean_s\n"
                + "llama,8,512,128,58.25,92.7,20310,22050,19870000,31400000,2.6415,2.87025,2.6506\n"));
        PointKey k = generate("llama", 8, 512, 128);
        assertThat(d.samples()).containsExactly(sample(k, "0", 2.6415e9, 2.87025e9, 2.6506e9,
                new GenerationValues(128, 58.25e6, 92.7e6, 20.31e6, 22.05e6, 19.87e6, 31.4e6)));
        assertThat(k.id()).isEqualTo("llama/-/generate/b8/s512/o128");
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void stepLatencyColumnsAreTheEndToEndLatencyOfAGenerateRow() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,phase,output,p50_ms,p99_ms,tpot_ms\n1,64,generate,8,40,44,5\n"
                + "2,64,Generate,8,41,,\n"));
        PointKey b1 = generate("model", 1, 64, 8);
        assertThat(d.samples()).containsExactly(
                sample(b1, "0", 40e6, 44e6, NAN, new GenerationValues(8, NAN, NAN, 5e6, NAN, NAN, NAN)),
                sample(generate("model", 2, 64, 8), "0", 41e6, NAN, NAN,
                        new GenerationValues(8, NAN, NAN, NAN, NAN, NAN, NAN)));
    }

    @Test
    void prefillDecodeAndGenerateRowsMixInOneFile() throws IOException {
        Dataset d = CsvDataset.read(csv("model,phase,batch,seq,output,p50_ms,ttft_ms,flops\n"
                + "m,prefill,4,128,,3.2,,1e12\n"
                + "m,decode,4,128,,0.9,,\n"
                + "m,,4,128,32,,3.5,2e13\n"
                + "m,,4,128,64,,3.6,\n"));
        assertThat(d.samples()).extracting(Sample::point).containsExactly(
                new PointKey("m", "-", "prefill", -1, 4, 128), new PointKey("m", "-", "decode", -1, 4, 128),
                generate("m", 4, 128, 32), generate("m", 4, 128, 64));
        assertThat(d.samples()).extracting(Sample::generation).extracting(g -> g == null ? null : g.ttftP50Ns())
                .containsExactly(null, null, 3.5e6, 3.6e6);
        assertThat(d.work(generate("m", 4, 128, 32))).isEqualTo(new PointWork(2e13, NAN));
        assertThat(d.work(new PointKey("m", "-", "prefill", -1, 4, 128))).isEqualTo(new PointWork(1e12, NAN));
    }

    @Test
    void outputTokensPerSecondGivesTheMeanWhenNoneIsGiven() throws IOException {
        // 8 sequences x 128 tokens at 1024 tokens/s: one request takes 1 s
        Dataset d = CsvDataset.read(csv("batch,seq,output,ttft_ms,output_tokens_per_s\n8,512,128,50,1024\n"));
        assertThat(d.samples().get(0).meanNs()).isEqualTo(1e9);
        assertThat(d.samples().get(0).p50Ns()).isNaN();
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void aMeanAndAThroughputThatDisagreeWarnNamingTheLineAndBothValues() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,output,e2e_mean_ms,output_tokens_per_s\n"
                + "8,512,128,1030,1024\n" // 1030 ms against 1000 ms: 3 % apart, quiet
                + "8,512,128,1300,1024\n"));
        assertThat(d.samples()).extracting(Sample::meanNs).containsExactly(1.03e9, 1.3e9);
        assertThat(d.warnings()).singleElement().asString().startsWith(at(3) + "e2e_mean_ms says the mean request"
                + " takes 1300 ms, but output_tokens_per_s 1024 implies batch × output / output_tokens_per_s = 8 × 128"
                + " / 1024 s = 1000 ms (23 % apart); the analysis uses e2e_mean_ms");
    }

    @Test
    void aMeanOfTtftTpotOrItlIsIgnoredWithAWarning() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,output,ttft_mean_ms,tpot_ms\n1,8,4,3,2\n"));
        assertThat(d.samples().get(0).generation().tpotP50Ns()).isEqualTo(2e6);
        assertThat(d.warnings()).singleElement().asString().contains("ignored column 'ttft_mean_ms'")
                .contains("not its mean");
    }

    @Test
    void generateSamplesSurviveARoundTripThroughTheFormat() throws IOException {
        PointKey prefill = new PointKey("m", "bf16", "prefill", 1_000_000L, 4, 128);
        PointKey gen = new PointKey("m", "bf16", "generate", 1_000_000L, 4, 128, 32);
        Dataset run = new Dataset("run", "gpu X", List.of(
                new Sample(prefill, "0", 3.25e6, 4e6, 3.5e6),
                sample(gen, "0", 1.1e8, 1.3e8, 1.15e8, new GenerationValues(32, 3.5e6, 4.5e6, 3.3e6, 3.9e6, 3.2e6,
                        5.1e6)),
                sample(gen, "1", 1.2e8, NAN, NAN, new GenerationValues(32, 3.6e6, NAN, NAN, NAN, NAN, NAN))),
                Map.of(gen.id(), new PointWork(5e12, 2e10)), List.of());
        Path out = tmp.resolve("export.csv");
        CsvDataset.write(run, out);
        Dataset back = CsvDataset.read(out);
        assertThat(back.samples()).isEqualTo(run.samples());
        assertThat(back.work()).isEqualTo(run.work());
        assertThat(back.warnings()).isEmpty();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("model,dtype,phase,params,batch,seq,replicate,p50_ns,"
                + "p99_ns,mean_ns,flops,bytes,output,ttft_p50_ns,ttft_p99_ns,tpot_p50_ns,tpot_p99_ns,itl_p50_ns,"
                + "itl_p99_ns,device");
    }

    @Test
    void aSimulatedGenerateRunExportsAndReadsBackUnchanged() throws IOException {
        Path spec = Files.writeString(tmp.resolve("g.yaml"), """
                name: g
                backend: sim
                model: [llama-tiny]
                phase: [generate]
                batch: [1, 2]
                seq: [16]
                output: [1, 4]
                replicates: 2
                measure:
                  warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
                  iterations: {min: 5, min-time: 2ms, max-time: 20ms}
                  target-ci: 0.5
                  trial-timeout: 30s
                """);
        Path results = tmp.resolve("results");
        Cli.Result r = Cli.run("sweep", spec.toString(), "--results-dir", results.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.err()).isZero();
        Path run;
        try (var dirs = Files.list(results)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Dataset measured = RunDatasets.from(RunReader.read(run));
        assertThat(measured.samples()).hasSize(8).allSatisfy(s -> assertThat(s.generation()).isNotNull());
        Path out = tmp.resolve("export.csv");
        CsvDataset.write(measured, out);
        Dataset back = CsvDataset.read(out);
        assertThat(back.samples()).isEqualTo(measured.samples().stream()
                .map(s -> new Sample(s.point(), s.replicate(), s.p50Ns(), s.p99Ns(), s.meanNs(), NAN, List.of(),
                        s.generation())).toList()); // the CSV has no device time or flags
        assertThat(back.work()).isEqualTo(measured.work());
    }

    // ---- errors ----

    @Test
    void generationColumnsNeedAnOutputColumn() throws IOException {
        fails("batch,seq,ttft_ms,output_tokens_per_s\n1,8,3,100\n").hasMessage(at(1) + "column 'output': missing: the"
                + " generation columns ttft_ms, output_tokens_per_s need an 'output' column with the output tokens per"
                + " request");
        fails("batch,seq,phase,p50_ms\n1,8,generate,3\n").hasMessage(at(2) + "column 'output': missing: this row is"
                + " a generate row (its phase is generate); add an 'output' column with the output tokens per request");
    }

    @Test
    void aGenerateRowNeedsItsOutputAsAWholeNumber() throws IOException {
        fails("batch,seq,output,ttft_ms\n1,8,,3\n1,8,12.5,3\n1,8,0,3\n")
                .hasMessageContaining(at(2) + "column 'output': expected the output tokens per request of this"
                        + " generate row (it has values in ttft_ms), a whole number >= 1, got nothing")
                .hasMessageContaining(at(3) + "column 'output': expected a whole number >= 1, got '12.5'")
                .hasMessageContaining(at(4) + "column 'output': expected a whole number >= 1, got '0'");
    }

    @Test
    void aPrefillOrDecodeRowWithGenerationValuesIsRefused() throws IOException {
        fails("batch,seq,phase,output,p50_ms,ttft_ms\n1,8,decode,16,3,2\n").hasMessage(at(2) + "column 'phase':"
                + " expected generate for a row with generation values (in output, ttft_ms), got 'decode'; write"
                + " generate, or leave those cells empty for a decode row");
    }

    @Test
    void theEndToEndLatencyGivenTwiceOnARowIsRefused() throws IOException {
        fails("batch,seq,output,p50_ms,e2e_ms\n1,8,16,30,31\n").hasMessage(at(2) + "column 'e2e_ms': the request's"
                + " p50 latency is given twice on this generate row, p50_ms and e2e_ms (on a generate row p50_ms is"
                + " the end-to-end latency too); leave one of them empty");
    }

    @Test
    void badGenerationValuesNameTheirColumn() throws IOException {
        fails("batch,seq,output,ttft_ms,tpot_p99_ms,output_tokens_per_s\n1,8,16,fast,-2,0\n")
                .hasMessageContaining(at(2) + "column 'ttft_ms': expected a positive number, got 'fast'")
                .hasMessageContaining(at(2) + "column 'tpot_p99_ms': expected a positive number, got '-2'")
                .hasMessageContaining(at(2) + "column 'output_tokens_per_s': expected a positive number, got '0'");
    }

    @Test
    void aOneTokenRequestHasNoTpotOrItl() throws IOException {
        fails("batch,seq,output,ttft_ms,tpot_ms\n1,8,1,3,2\n").hasMessage(at(2) + "column 'tpot_ms': a request of"
                + " output 1 has no inter-token step, so no tpot; leave tpot_ms empty or check the output column");
    }

    @Test
    void aGenerateRowWithoutAnyLatencyIsRefused() throws IOException {
        fails("batch,seq,output,ttft_ms,e2e_ms\n1,8,16,,\n").hasMessage(at(2) + "no latency value: the columns"
                + " ttft_ms, e2e_ms are all empty");
    }

    @Test
    void oneColumnPerFigureAndStatistic() throws IOException {
        fails("batch,seq,output,ttft_ms,ttft_p50_us\n1,8,16,3,3000\n").hasMessage(at(1) + "column 'ttft_p50_us': a"
                + " second ttft p50 column (ttft_ms is already there); keep one unit per statistic");
    }

    @Test
    void aHeaderWithOnlyUnknownLatenciesNamesTheGenerationColumnsToo() throws IOException {
        fails("batch,seq,latency\n1,2,3\n").hasMessageContaining("or for generation ttft_<unit>, tpot_<unit>,"
                + " itl_<unit>, e2e_<unit> or output_tokens_per_s");
    }
}
