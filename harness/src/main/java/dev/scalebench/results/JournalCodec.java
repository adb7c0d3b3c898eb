package dev.scalebench.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One journal line per trial: a flat JSON object, field names = {@link TrialResult} components + "schema". */
final class JournalCodec {

    /** The journal schema this version reads and writes. */
    static final int SCHEMA = 1;

    private JournalCodec() {
    }

    /** What every line this codec writes starts with. */
    private static final String HEAD = "{\"schema\":";

    /** Strict: a line with anything after its object is not a record (garbage appended to a line). */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A line could not be parsed as JSON at all (a write cut short, or text that is no journal line). */
    static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    /** A complete JSON line that is not a valid journal record (wrong schema, missing or bad field). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static String encode(TrialResult r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("trialId", r.trialId());
        o.put("pointId", r.pointId());
        o.put("replicate", r.replicate());
        o.put("sequence", r.sequence());
        o.put("status", r.status().name());
        TrialResult.Failure fail = r.failure();
        o.put("failureKind", fail == null || fail.kind() == null ? null : fail.kind().id());
        o.put("failureMessage", fail == null ? null : fail.message());
        o.put("started", r.started() == null ? null : r.started().toString());
        o.put("ended", r.ended() == null ? null : r.ended().toString());
        TrialResult.Measured m = r.measured();
        o.put("warmupIterations", m.warmup().iterations());
        o.put("warmupNanos", m.warmup().nanos());
        o.put("steady", m.warmup().steady());
        o.put("iterations", m.iterations());
        o.put("measuredNanos", m.nanos());
        o.put("deviceNanos", m.deviceNanos());
        o.put("gcCount", m.gc().count());
        o.put("gcPauseNanos", m.gc().pauseNanos());
        o.put("stopReason", m.stopReason() == null ? null : m.stopReason().id());
        if (m.memoryKnown()) { // absent = unknown: a line without memory reads, and writes back, as before the field
            o.put("memPeakBytes", m.memPeakBytes());
        }
        MachineFields.encode(m.machine(), o);
        ArrayNode flags = o.putArray("flags");
        r.flags().forEach(f -> flags.add(f.id()));
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrialResult decode(String line) throws Truncated, Invalid {
        JsonNode o;
        try {
            o = READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Truncated("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (o == null || !o.isObject()) {
            throw new Truncated("not a JSON object");
        }
        JsonNode schema = o.get("schema");
        if (schema == null || !schema.isInt()) {
            throw new Invalid("no \"schema\" field; not a scalebench journal line");
        }
        if (schema.intValue() != SCHEMA) {
            throw new Invalid("schema " + schema.intValue() + " is not supported; this scalebench reads schema "
                    + SCHEMA);
        }
        TrialResult.Status status;
        String s = text(o, "status", true);
        try {
            status = TrialResult.Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new Invalid("status \"" + s + "\" is not OK or FAILED");
        }
        List<Flag> flags = flags(o);
        FailureKind kind = failureKind(o);
        String message = text(o, "failureMessage", false);
        TrialResult.Measured measured = new TrialResult.Measured(new TrialResult.Warmup(integer(o, "warmupIterations"),
                integer(o, "warmupNanos"), bool(o, "steady")), integer(o, "iterations"), integer(o, "measuredNanos"),
                integer(o, "deviceNanos"), new TrialResult.Gc(integer(o, "gcCount"), integer(o, "gcPauseNanos")),
                stopReason(o), optionalInteger(o, "memPeakBytes", -1), MachineFields.decode(o));
        return new TrialResult(text(o, "trialId", true), text(o, "pointId", true), (int) integer(o, "replicate"),
                (int) integer(o, "sequence"), status, kind == null && message == null ? null
                        : new TrialResult.Failure(kind, message), instant(o, "started"), instant(o, "ended"), measured,
                flags);
    }

    /**
     * Whether {@code text} can be the beginning of a line this codec wrote, cut short by a kill: it starts like
     * one ({@code {"schema":}, or a prefix of that), holds no control character (a kill leaves no NUL), and
     * JSON parsing finds it incomplete only at its very end. Anything else is not what a crash leaves.
     */
    static boolean looksCutShort(String text) {
        if (text.isEmpty() || !(text.startsWith(HEAD) || HEAD.startsWith(text))) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20) {
                return false;
            }
        }
        try {
            READER.readTree(text);
            return false; // complete
        } catch (JsonEOFException e) {
            return true;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return at != null && at.getCharOffset() >= text.length();
        }
    }

    /** The optional {@code failureKind}; an id this version does not know is refused, naming the known ones. */
    private static FailureKind failureKind(JsonNode o) throws Invalid {
        String s = text(o, "failureKind", false);
        try {
            return s == null ? null : FailureKind.parse(s);
        } catch (IllegalArgumentException e) {
            throw new Invalid("field \"failureKind\": " + e.getMessage() + "; written by a newer scalebench?");
        }
    }

    /** The optional {@code stopReason}; an id this version does not know is refused, naming the known ones. */
    private static StopReason stopReason(JsonNode o) throws Invalid {
        String s = text(o, "stopReason", false);
        try {
            return s == null ? null : StopReason.parse(s);
        } catch (IllegalArgumentException e) {
            throw new Invalid("field \"stopReason\": " + e.getMessage() + "; written by a newer scalebench?");
        }
    }

    /**
     * The {@code flags} array, in its order; a flag this version does not know is refused, naming the known ones
     * (dropping it would change the report's flag counts without a word).
     */
    private static List<Flag> flags(JsonNode o) throws Invalid {
        List<Flag> flags = new ArrayList<>();
        JsonNode f = o.get("flags");
        if (f != null && !f.isNull()) {
            if (!f.isArray()) {
                throw new Invalid("\"flags\" is not an array");
            }
            for (JsonNode n : f) {
                try {
                    flags.add(Flag.parse(n.asText()));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("field \"flags\": " + e.getMessage() + "; written by a newer scalebench?");
                }
            }
        }
        return flags;
    }

    private static String text(JsonNode o, String field, boolean required) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new Invalid("missing field \"" + field + "\"");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new Invalid("field \"" + field + "\" is not a string");
        }
        return n.textValue();
    }

    private static long integer(JsonNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new Invalid("missing or non-integer field \"" + field + "\"");
        }
        return n.longValue();
    }

    /** An integer field added after schema 1 first shipped: {@code absent} when a line (an older journal) lacks it. */
    private static long optionalInteger(JsonNode o, String field, long absent) throws Invalid {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? absent : integer(o, field);
    }

    private static boolean bool(JsonNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new Invalid("missing or non-boolean field \"" + field + "\"");
        }
        return n.booleanValue();
    }

    private static Instant instant(JsonNode o, String field) throws Invalid {
        String s = text(o, field, false);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Invalid("field \"" + field + "\" is not an ISO-8601 instant: " + s);
        }
    }
}
