package dev.scalebench.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Usage help that wraps lines only at spaces. Picocli wraps with {@link java.text.BreakIterator}'s line rules,
 * which also break after '.', '/', ':' and '|', so file names and paths came apart at the end of a line
 * ("trials." / "jsonl", "jdbc:" / "postgresql://..."). Every place picocli wraps text (description, header,
 * footer, synopsis, option and parameter lists, the command list) uses {@link Table} here, which hands picocli
 * only pieces that fit, cut at spaces; a word longer than a whole line is still cut, as picocli does.
 */
final class SpaceWrappingHelp extends CommandLine.Help {

    /** Install with {@link CommandLine#setHelpFactory}. */
    static final CommandLine.IHelpFactory FACTORY = SpaceWrappingHelp::new;

    SpaceWrappingHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    private int width() {
        return commandSpec().usageMessage().width();
    }

    private boolean cjk() {
        return commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters();
    }

    @Override
    public String description(Object... params) {
        return join(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return join(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return join(commandSpec().usageMessage().footer(), params);
    }

    @Override
    public String customSynopsis(Object... params) {
        return join(commandSpec().usageMessage().customSynopsis(), params);
    }

    /** As picocli's {@code Help.join}, with {@link Table}. */
    private String join(String[] values, Object... params) {
        if (values == null) {
            return "";
        }
        Table table = new Table(colorScheme(), new Column(width(), 0, Overflow.WRAP));
        table.setAdjustLineBreaksForWideCJKCharacters(cjk());
        table.indentWrappedLines = 0;
        for (String line : values) {
            table.addRowValues(format(line, params));
        }
        return table.toString();
    }

    private static String format(String text, Object... params) {
        if (text == null) {
            return "";
        }
        try {
            return String.format(text, params);
        } catch (java.util.IllegalFormatException e) {
            return text;
        }
    }

    /** As picocli's, with {@link Table}. */
    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
            ColorScheme scheme) {
        int longOptions = calcLongOptionColumnWidth(options, positionals, scheme);
        Table table = new Table(scheme,
                new Column(2, 0, Overflow.TRUNCATE),
                new Column(2, 0, Overflow.SPAN),
                new Column(1, 0, Overflow.TRUNCATE),
                new Column(longOptions, 1, Overflow.SPAN),
                new Column(width() - 5 - longOptions, 1, Overflow.WRAP));
        table.setAdjustLineBreaksForWideCJKCharacters(cjk());
        return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    /**
     * Each command's name and the first line of its header, else the first sentence of its description (picocli
     * shows the whole first paragraph, which made the top-level help a page per command).
     */
    @Override
    public String commandList(Map<String, CommandLine.Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int longest = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int names = Math.min(longest, width() / 2);
        Table table = new Table(colorScheme(), new Column(names + 2, 2, Overflow.SPAN),
                new Column(width() - (names + 2), 2, Overflow.WRAP));
        table.setAdjustLineBreaksForWideCJKCharacters(cjk());
        for (CommandLine.Help help : subcommands.values()) {
            CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
            String first = usage.header().length > 0 ? usage.header()[0]
                    : usage.description().length > 0 ? firstSentence(usage.description()[0]) : "";
            Text[] lines = colorScheme().text(format(first)).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
            }
        }
        return table.toString();
    }

    /** Up to the first '.' that ends a sentence: followed by a space and a capital letter. */
    static String firstSentence(String paragraph) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.\\s+(?=[A-Z])").matcher(paragraph);
        return m.find() ? paragraph.substring(0, m.start() + 1) : paragraph;
    }

    /** As picocli's, with {@link Table}: continuation lines indented under the first option. */
    @Override
    protected String insertSynopsisCommandName(int headingLength, Text details) {
        String name = commandSpec().qualifiedName();
        int indent = headingLength + name.length() + 1;
        CommandLine.Model.UsageMessageSpec usage = commandSpec().usageMessage();
        if (indent > usage.synopsisAutoIndentThreshold() * width()) {
            indent = usage.synopsisIndent() < 0 ? headingLength : usage.synopsisIndent();
            indent = Math.min(indent, (int) (0.9 * width()));
        }
        Table table = new Table(colorScheme(), new Column(width(), 0, Overflow.WRAP));
        table.setAdjustLineBreaksForWideCJKCharacters(cjk());
        table.indentWrappedLines = indent;
        Text padding = Ansi.OFF.new Text("X".repeat(headingLength), colorScheme());
        table.addRowValues(padding.concat(colorScheme().commandText(name)).concat(details));
        return table.toString().substring(headingLength);
    }

    /**
     * A text table whose wrapping columns break lines only at spaces: a value longer than its column is cut
     * into pieces that fit, at the last space that lets them, and each piece is written on its own row
     * (continuation rows indented by {@link #indentWrappedLines}, as picocli does).
     */
    static final class Table extends TextTable {

        Table(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            int start = 0;
            int r = row;
            int indent = column.indent;
            Cell last = new Cell(col, row);
            while (true) {
                int room = column.width - indent;
                int end = plain.length() - start <= room ? plain.length() : cut(plain, start, room);
                if (r > row) {
                    addEmptyRow();
                }
                int saved = column.indent;
                column.indent = indent;
                try {
                    last = super.putValue(r, col, value.substring(start, end));
                } finally {
                    column.indent = saved;
                }
                start = end;
                while (start < plain.length() && plain.charAt(start) == ' ') {
                    start++;
                }
                if (start >= plain.length()) {
                    return last;
                }
                r = last.row + 1;
                indent = column.indent + indentWrappedLines;
            }
        }

        /** End of the longest piece from {@code start} that fits in {@code room} and ends before a space. */
        private static int cut(String text, int start, int room) {
            int limit = Math.min(text.length(), start + Math.max(room, 1));
            for (int i = limit; i > start; i--) {
                if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
                    return i;
                }
            }
            return limit; // one word longer than the line: cut it, as picocli does
        }
    }
}
