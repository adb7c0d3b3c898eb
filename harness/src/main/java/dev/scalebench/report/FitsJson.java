package dev.scalebench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.results.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code fits.json}: every field of an {@link Analysis} as JSON (schema {@value Analysis#SCHEMA}, documented in
 * {@code results/README.md}). Fields come in a fixed order, floating-point numbers are rounded to six significant
 * digits and NaN is written as {@code null}, so the same analysis gives the same bytes on every machine.
 * {@link #read(Path)} gives back the analysis (numbers to six digits), so reports can be regenerated from the file.
 */
public final class FitsJson {

    /** File name inside a run folder. */
    public static final String FILE = "fits.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FitsJson() {
    }

    /** The JSON text, {@code \n} line ends, ending with a line break. */
    public static String toJson(Analysis analysis) {
        return JsonText.print(FitsJsonWriter.tree(analysis));
    }

    /** Writes {@link #toJson(Analysis)} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, Analysis analysis) {
        AtomicFiles.write(file, toJson(analysis));
    }

    /**
     * Reads {@code file}.
     *
     * @throws ScalebenchException (exit 2) naming the file and the field when it is missing, not JSON, of another
     *     schema, or a field has the wrong type
     */
    public static Analysis read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ScalebenchException.badInput(file + ": no such file");
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        return fromJson(text, file.toString());
    }

    /** Parses {@code json}; {@code origin} names it in errors (e.g. the file). */
    public static Analysis fromJson(String json, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw ScalebenchException.badInput(origin + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        return FitsJsonReader.analysis(new JsonIn(root, origin, ""));
    }
}
