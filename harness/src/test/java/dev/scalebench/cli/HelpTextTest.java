package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The usage help of every command wraps only at spaces: no file name, path, URL or option is split across lines
 * at any width (picocli's own wrapping broke after '.', '/', ':' and '|': "trials." / "jsonl").
 */
class HelpTextTest {

    /** Every command, by qualified name, with the usage help width set. */
    private static Map<String, CommandLine> commands(int width) {
        CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        root.setUsageHelpWidth(width);
        Map<String, CommandLine> all = new HashMap<>();
        List<CommandLine> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandLine c = todo.remove(0);
            all.put(c.getCommandSpec().qualifiedName(), c);
            todo.addAll(c.getSubcommands().values());
        }
        return all;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).sorted().toList();
    }

    @Test
    void noWordIsSplitAcrossLinesAndNoLineIsWiderThanTheWidth() {
        for (int width : new int[] {80, 120}) {
            noWordIsSplit(width);
        }
    }

    private static void noWordIsSplit(int width) {
        Map<String, CommandLine> narrow = commands(width);
        Map<String, CommandLine> wide = commands(10_000);
        assertThat(narrow).hasSizeGreaterThan(10);
        for (Map.Entry<String, CommandLine> e : narrow.entrySet()) {
            String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            String unwrapped = wide.get(e.getKey()).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(words(help)).as("the words of '%s --help' at width %d and unwrapped", e.getKey(), width)
                    .isEqualTo(words(unwrapped));
            for (String line : help.lines().toList()) {
                assertThat(line.length()).as("'%s' --help at width %d: %s", e.getKey(), width, line)
                        .isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void fileNamesThatPicocliUsedToBreakStayWhole() {
        String sweep = commands(80).get("scalebench sweep").getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String name : List.of("trials.jsonl", "histograms.hlog", "run.json", "metrics.prom",
                "jdbc:postgresql://host/db", "jdbc:sqlite:<results")) {
            assertThat(sweep.lines()).as(name).anyMatch(l -> l.contains(name));
        }
    }

    @Test
    void theTopLevelHelpListsEachCommandByItsFirstSentence() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("in randomized blocks.").doesNotContain("Results go to");
        assertThat(SpaceWrappingHelp.firstSentence("Does a. Then b.")).isEqualTo("Does a.");
        assertThat(SpaceWrappingHelp.firstSentence("Writes run.json and e.g. x. More.")).isEqualTo(
                "Writes run.json and e.g. x.");
    }

    @Test
    void aWrongArgumentGetsItsErrorAndOneLinePointingToHelpNotTheWholeUsage() {
        Cli.Result r = Cli.run("plan", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option").contains("See: scalebench plan --help")
                .doesNotContain("Usage:");
        Cli.Result file = Cli.run("my-sweep.yaml");
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).contains("scalebench sweep my-sweep.yaml").doesNotContain("Usage:");
        assertThat(file.err().lines().count()).isLessThan(6);
    }
}
