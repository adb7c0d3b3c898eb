package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        return Files.writeString(tmp.resolve("runs.csv"), text, StandardCharsets.UTF_8);
    }

    /** Reading {@code text} fails with bad input (exit code 2); the assertion on its message. */
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

    // ---- happy paths ----

    @Test
    void readsEveryColumnInAnyOrderWithUnitsQuotesCommentsBomAndCrlf() throws IOException {
        Path f = csv("\uFEFF# exported by othertool 1.2\r\n"
                + "\r\n"
                + "Seq,batch,model,P50_ms,p99_us,phase,dtype,params,replicate,flops,bytes,device,notes\r\n"
                + "128,4,\"llama, \"\"7b\"\"\",1.5,2500,prefill,bf16,6.7e9,a,1e12,1.4e10,NVIDIA H100 80GB HBM3,x\r\n"
                + "# a comment between rows\r\n"
                + "128,4,\"llama, \"\"7b\"\"\",1.25,2000,prefill,BFloat16,,b,1e12,,NVIDIA H100 80GB HBM3,\r\n"
                + "\r\n"
                + "1024,1,\"llama, \"\"7b\"\"\",0.02,30,DECODE,bf16,6.7e9,a,,,NVIDIA H100 80GB HBM3,\"multi\r\nline\"\r\n");
        Dataset d = CsvDataset.read(f);

        PointKey prefill = new PointKey("llama, \"7b\"", "bf16", "prefill", 6_700_000_000L, 4, 128);
        PointKey decode = new PointKey("llama, \"7b\"", "bf16", "decode", 6_700_000_000L, 1, 1024);
        assertThat(d.samples()).containsExactly(
                new Sample(prefill, "a", 1.5e6, 2.5e6, Double.NaN),
                new Sample(prefill, "b", 1.25e6, 2.0e6, Double.NaN),
                new Sample(decode, "a", 2e4, 3e4, Double.NaN));
        assertThat(d.work(prefill)).isEqualTo(new PointWork(1e12, 1.4e10));
        assertThat(d.work(decode)).isEqualTo(PointWork.UNKNOWN);
        assertThat(d.device()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(d.source()).isEqualTo(f.toString());
        assertThat(d.warnings()).singleElement().asString().contains("ignored unknown columns 'notes'");
    }

    @Test
    void theExamplesInTheDocumentationRead() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "fit-input.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```csv\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(3);
        Dataset full = CsvDataset.read(csv(blocks.get(0)));
        assertThat(full.samples()).hasSize(12);
        assertThat(full.samples().get(0)).isEqualTo(new Sample(
                new PointKey("llama-2-7b", "bf16", "prefill", 6_740_000_000L, 1, 512), "1", 42.1e6, 44.0e6, Double.NaN));
        assertThat(full.work()).hasSize(4);
        assertThat(full.device()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(full.warnings()).isEmpty();
        assertThat(CsvDataset.read(csv(blocks.get(1))).samples()).hasSize(3);
        // the generation example: six trials of three generate points, no warning (throughput and latency agree)
        Dataset gen = CsvDataset.read(csv(blocks.get(2)));
        assertThat(gen.samples()).hasSize(6).allSatisfy(s -> assertThat(s.point().output()).isEqualTo(128));
        assertThat(gen.samples().get(0).point().id()).isEqualTo("llama-3.1-8b/bf16/generate/b1/s512/o128");
        assertThat(gen.samples().get(0).generation().tpotP50Ns()).isCloseTo(7.41e6, within(1.0));
        assertThat(gen.samples().get(0).meanNs()).isCloseTo(962e6, within(0.5e6));
        assertThat(gen.warnings()).isEmpty();
    }

    @Test
    void defaultsAndOneReplicatePerRowWithoutAReplicateColumn() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,mean_s\n1,16,0.001\n1,16,0.002\n2,16,0.003\n"));
        PointKey b1 = new PointKey("model", "-", "prefill", -1, 1, 16);
        PointKey b2 = new PointKey("model", "-", "prefill", -1, 2, 16);
        assertThat(d.samples()).containsExactly(new Sample(b1, "0", Double.NaN, Double.NaN, 1e6),
                new Sample(b1, "1", Double.NaN, Double.NaN, 2e6), new Sample(b2, "0", Double.NaN, Double.NaN, 3e6));
        assertThat(d.work()).isEmpty();
        assertThat(d.device()).isEmpty();
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void emptyLatencyCellsAreUnknownWhenAnotherLatencyIsGiven() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,p50_ns,p99_ns\n1,8,100,\n1,8,,300\n"));
        assertThat(d.samples()).extracting(Sample::p50Ns).containsExactly(100.0, Double.NaN);
        assertThat(d.samples()).extracting(Sample::p99Ns).containsExactly(Double.NaN, 300.0);
    }

    @Test
    void aRunsSamplesSurviveARoundTripThroughTheFormat() throws IOException {
        ModelConfig odd = new ModelConfig("gpt, \"odd\" name", 2, 64, 4, 4, 256, 512, true);
        SweepPoint a = RunFixtures.point(Phase.PREFILL, 4, 64);
        SweepPoint b = RunFixtures.point(ModelSpec.of(odd), DType.BF16, Phase.DECODE, 8, 128);
        SweepPoint ts = RunFixtures.point(RunFixtures.USER, DType.FP16, Phase.PREFILL, 2, 16);
        RunFixtures f = new RunFixtures().plan(a, b, ts)
                .ok(a, 0, 101, 202, 303).ok(a, 1, 1_000_003, 7, 9, 11).ok(b, 0, 12345, 67890).ok(b, 2, 5)
                .ok(ts, 0, 999_999_999, 1, 2);
        Dataset run = RunDatasets.from(f.reader());
        Path out = tmp.resolve("export.csv");

        CsvDataset.write(run, out);
        Dataset back = CsvDataset.read(out);

        assertThat(back.samples()).isEqualTo(run.samples());
        assertThat(back.work()).isEqualTo(run.work()).hasSize(2);
        assertThat(back.device()).isEqualTo(run.device()).isEqualTo("cpu: AMD EPYC");
        assertThat(back.warnings()).isEmpty();
        assertThat(Files.readAllLines(out).get(0))
                .isEqualTo("model,dtype,phase,params,batch,seq,replicate,p50_ns,p99_ns,mean_ns,flops,bytes,device");
    }

    @Test
    void numbersAreWrittenPlainAndExact() {
        assertThat(CsvDataset.number(1e7)).isEqualTo("10000000");
        assertThat(CsvDataset.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CsvDataset.number(1.5e-3)).isEqualTo("0.0015");
        assertThat(CsvDataset.number(Double.NaN)).isEmpty();
        assertThat(CsvDataset.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvDataset.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvDataset.quote("#1")).isEqualTo("\"#1\"");
        assertThat(CsvDataset.quote("plain")).isEqualTo("plain");
    }

    // ---- file-level errors ----

    @Test
    void missingFile() {
        Path f = tmp.resolve("nope.csv");
        assertThatThrownBy(() -> CsvDataset.read(f)).isInstanceOf(ScalebenchException.class)
                .hasMessage(f + ": no such file");
    }

    @Test
    void emptyFileAndCommentsOnly() throws IOException {
        fails("").hasMessageContaining("runs.csv: empty file; expected a header line");
        fails("# nothing here\n\n  \n").hasMessageContaining("runs.csv: empty file");
    }

    @Test
    void headerWithoutRows() throws IOException {
        fails("# c\nbatch,seq,p50_ms\n").hasMessage(tmp.resolve("runs.csv") + ": no data rows after the header (line 2)");
    }

    @Test
    void notUtf8() throws IOException {
        Path f = Files.write(tmp.resolve("runs.csv"), new byte[] {'b', ',', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> CsvDataset.read(f)).hasMessageContaining("runs.csv: not UTF-8 text");
    }

    // ---- header errors ----

    @Test
    void missingRequiredColumn() throws IOException {
        fails("batch,p50_ms\n1,2\n").hasMessageContaining(at(1) + "column 'seq': missing: the header must have a 'seq' column");
    }

    @Test
    void noLatencyColumn() throws IOException {
        fails("batch,seq,latency\n1,2,3\n").hasMessageContaining(at(1) + "no latency column; expected at least one of"
                + " p50_<unit>, p99_<unit>, mean_<unit>");
    }

    @Test
    void duplicateColumns() throws IOException {
        fails("batch,seq,Batch,p50_ms\n1,2,3,4\n").hasMessageContaining(at(1)
                + "column 'batch': appears twice in the header (columns 1 and 3)");
        fails("batch,seq,p50_ms,p50_us\n1,2,3,4\n").hasMessageContaining(at(1)
                + "column 'p50_us': a second p50 column (p50_ms is already there)");
    }

    // ---- row errors ----

    @Test
    void wrongFieldCount() throws IOException {
        fails("batch,seq,p50_ms\n1,2,3\n1,2\n").hasMessageContaining(at(3)
                + "column 'p50_ms': missing: expected 3 fields as in the header, got 2");
        fails("batch,seq,p50_ms\n1,2,3,4\n").hasMessageContaining(at(2)
                + "column '#4': unexpected: expected 3 fields as in the header, got 4 (a value holding a comma must be quoted)");
    }

    @Test
    void nonNumericAndNonPositiveLatencies() throws IOException {
        fails("batch,seq,p50_ms\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n"
                + "1,2,fast\n").hasMessage(at(14) + "column 'p50_ms': expected a positive number, got 'fast'");
        fails("batch,seq,p50_ms\n1,2,0\n1,2,-3\n1,2,NaN\n1,2,Infinity\n")
                .hasMessageContaining("4 errors in " + tmp.resolve("runs.csv"))
                .hasMessageContaining(at(2) + "column 'p50_ms': expected a positive number, got '0'")
                .hasMessageContaining(at(3) + "column 'p50_ms': expected a positive number, got '-3'")
                .hasMessageContaining(at(4) + "column 'p50_ms': expected a positive number, got 'NaN'")
                .hasMessageContaining(at(5) + "column 'p50_ms': expected a positive number, got 'Infinity'");
    }

    @Test
    void nonIntegerBatchAndSeq() throws IOException {
        fails("batch,seq,p50_ms\n2.5,abc,1\n0,,1\n")
                .hasMessageContaining(at(2) + "column 'batch': expected a whole number >= 1, got '2.5'")
                .hasMessageContaining(at(2) + "column 'seq': expected a whole number >= 1, got 'abc'")
                .hasMessageContaining(at(3) + "column 'batch': expected a whole number >= 1, got '0'")
                .hasMessageContaining(at(3) + "column 'seq': expected a whole number >= 1, got nothing");
    }

    @Test
    void wholeNumbersMayBeWrittenWithADecimalPointOrExponent() throws IOException {
        Dataset d = CsvDataset.read(csv("batch,seq,p50_ms\n8.0,1e3,1\n"));
        assertThat(d.samples().get(0).point().batch()).isEqualTo(8);
        assertThat(d.samples().get(0).point().seq()).isEqualTo(1000);
    }

    @Test
    void badPhaseParamsFlopsAndEmptyReplicate() throws IOException {
        // 'generate' is a phase since issue 15 (generation columns): the bad phase is now another word
        fails("batch,seq,p50_ms,phase,params,flops,replicate\n1,2,3,train,many,-1,\n")
                .hasMessageContaining(at(2) + "column 'phase': expected prefill, decode or generate, got 'train'")
                .hasMessageContaining(at(2) + "column 'params': expected a positive number, got 'many'")
                .hasMessageContaining(at(2) + "column 'flops': expected a positive number, got '-1'")
                .hasMessageContaining(at(2) + "column 'replicate': expected a replicate id, got nothing");
    }

    @Test
    void noLatencyValueInARow() throws IOException {
        fails("batch,seq,p50_ms,p99_ms\n1,2,,\n").hasMessage(at(2)
                + "no latency value: the columns p50_ms, p99_ms are all empty");
    }

    @Test
    void duplicateReplicateOfAPoint() throws IOException {
        fails("model,batch,seq,replicate,p50_ms\nm,1,8,r1,2\nm,1,8,r2,2\nm,2,8,r1,2\nm,1,8,r1,3\n")
                .hasMessage(at(5) + "column 'replicate': point m/-/prefill/b1/s8 has replicate 'r1' twice (first on line 2)");
    }

    @Test
    void conflictingParamsFlopsBytesAndDevice() throws IOException {
        fails("model,batch,seq,p50_ms,params,flops,bytes,device\n"
                + "m,1,8,2,1.3e9,5e9,1e9,gpu A\n"
                + "m,2,8,2,1.3e9,1e10,1e9,gpu A\n"
                + "m,1,8,2,1.4e9,6e9,1e9,gpu A\n"
                + "m,2,8,2,,1e10,2e9,gpu B\n")
                .hasMessageContaining(at(4) + "column 'params': model 'm' has params 1300000000 on line 2, got 1400000000 here")
                .hasMessageContaining(at(4) + "column 'flops': point m/-/prefill/b1/s8 has flops 5000000000 on line 2, got 6000000000 here")
                .hasMessageContaining(at(5) + "column 'device': expected one device for the whole file ('gpu A' on line 2), got 'gpu B'");
        fails("model,batch,seq,p50_ms,bytes\nm,1,8,2,1e9\nm,1,8,2,2e9\n")
                .hasMessage(at(3) + "column 'bytes': point m/-/prefill/b1/s8 has bytes 1000000000 on line 2, got 2000000000 here");
    }

    @Test
    void paramsGivenOnceApplyToEveryRowOfTheModel() throws IOException {
        Dataset d = CsvDataset.read(csv("model,batch,seq,p50_ms,params\nm,1,8,2,\nm,2,8,2,1.3e9\n"));
        assertThat(d.samples()).extracting(s -> s.point().params()).containsExactly(1_300_000_000L, 1_300_000_000L);
    }

    @Test
    void malformedQuotes() throws IOException {
        fails("model,batch,seq,p50_ms\n\"unclosed,1,8,2\n").hasMessage(at(2)
                + "column 'model': a quoted field opened on line 2 is never closed (missing '\"')");
        fails("model,batch,seq,p50_ms\n\"a\"b,1,8,2\n").hasMessage(at(2)
                + "column 'model': text after the closing quote of a quoted field (a quote inside a quoted field must be doubled)");
        fails("model,batch,seq,p50_ms\nm,1,8\"x,2\n").hasMessage(at(2)
                + "column 'seq': a quote inside an unquoted field (quote the whole field, and double the quotes inside it)");
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields() throws IOException {
        fails("model,batch,seq,p50_ms\n\"two\nlines\",1,8,2\n\"x\",1,8,slow\n").hasMessage(at(4)
                + "column 'p50_ms': expected a positive number, got 'slow'");
    }

    @Test
    void atMostTwentyErrorsAreListed() throws IOException {
        StringBuilder sb = new StringBuilder("batch,seq,p50_ms\n");
        for (int i = 0; i < 25; i++) {
            sb.append("1,2,x").append(i).append('\n');
        }
        fails(sb.toString()).hasMessageStartingWith("25 errors in " + tmp.resolve("runs.csv") + ":")
                .hasMessageContaining(at(21) + "column 'p50_ms'")
                .hasMessageNotContaining(at(22))
                .hasMessageEndingWith("and 5 more");
    }

    @Test
    void headerSyntaxErrorsNameTheColumnNumber() throws IOException {
        fails("batch,\"seq,p50_ms\n1,2,3\n").hasMessageContaining(at(1) + "header, column 2: a quoted field opened"
                + " on line 1 is never closed");
    }
}
