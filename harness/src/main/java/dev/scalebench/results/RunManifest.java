package dev.scalebench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scalebench.ScalebenchException;
import dev.scalebench.plan.PointId;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The run manifest, {@code run.json}: what was planned, on what, and how the run ended. Always written
 * atomically (temporary file, fsync, rename), so a reader sees the previous or the next version, never half.
 *
 * @param schema format version of {@code run.json}; {@link #SCHEMA}
 * @param runId the run id, which is also the run folder's name when scalebench made the folder. Read as it stands,
 *     not checked to be a safe folder name: a run folder can come from another machine, or be a merge named by
 *     {@code --output}, so its run id is untrusted text, shown (escaped) in reports and stored in the history, but
 *     never used to build a path; code that names a folder after it goes through {@link FolderNames}
 * @param toolVersion scalebench version that wrote the run
 * @param status where the run stands
 * @param started when the run started
 * @param ended when it ended; {@code null} while running (or after a crash)
 * @param specFile the sweep file as the user named it; {@code null} when built in code
 * @param spec the resolved sweep specification, opaque here (serialized by the config/CLI code); may be null
 * @param fingerprint environment fingerprint ({@link Fingerprint}), sorted by key
 * @param plan the points and trials that run, and those left out
 * @param shard for a run of one shard of a sweep ({@code sweep --shard K/N}): which, and the plan it splits;
 *     absent otherwise
 * @param mergedFrom for a run made by {@code merge}: the run ids of the shards it combines; absent otherwise
 * @param repairs what {@code sweep --resume} repaired in the run's files (what a crash left), one sentence each,
 *     prefixed by when; for a merged run, its shards' repairs; absent when none
 */
public record RunManifest(
        int schema,
        String runId,
        String toolVersion,
        Status status,
        Instant started,
        Instant ended,
        String specFile,
        JsonNode spec,
        Map<String, String> fingerprint,
        Plan plan,
        @JsonInclude(JsonInclude.Include.NON_NULL) ShardInfo shard,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> mergedFrom,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> repairs) {

    /**
     * The manifest schema this version writes. Schema 2 stores each point's {@link Workload}; schema 1 (before)
     * did not, and is still read: {@link #read(Path)} computes the workloads from the stored specification
     * ({@link ManifestUpgrade}).
     */
    public static final int SCHEMA = 2;
    /** File name inside a run folder. */
    public static final String FILE = "run.json";

    public RunManifest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(plan, "plan");
        spec = spec == null || spec.isNull() || spec.isMissingNode() ? null : spec;
        fingerprint = fingerprint == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fingerprint));
        mergedFrom = mergedFrom == null ? null : List.copyOf(mergedFrom);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    /** A new manifest with {@code schema} = {@link #SCHEMA}, status {@code RUNNING} and no end time. */
    public static RunManifest running(String runId, String toolVersion, Instant started, String specFile,
            JsonNode spec, Map<String, String> fingerprint, Plan plan) {
        return new RunManifest(SCHEMA, runId, toolVersion, Status.RUNNING, started, null, specFile, spec,
                fingerprint, plan, null, null, List.of());
    }

    /** A copy that records this run as one shard of a sweep. */
    public RunManifest withShard(ShardInfo newShard) {
        return new RunManifest(schema, runId, toolVersion, status, started, ended, specFile, spec, fingerprint, plan,
                newShard, mergedFrom, repairs);
    }

    /**
     * A shard's place in its sweep.
     *
     * @param index K, 1-based
     * @param count N, the number of shards
     * @param plan SHA-256 (hex) of the plan the shards split ({@code Shard.planDigest}); shards of one sweep agree
     */
    public record ShardInfo(int index, int count, String plan) {
        /** {@code K/N}. */
        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** A copy with another status and end time (e.g. {@code COMPLETE} at the end, {@code RUNNING} on resume). */
    public RunManifest withStatus(Status newStatus, Instant newEnded) {
        return new RunManifest(schema, runId, toolVersion, newStatus, started, newEnded, specFile, spec,
                fingerprint, plan, shard, mergedFrom, repairs);
    }

    /** A copy with another schema number and plan (a schema-1 manifest read as schema 2). */
    RunManifest withSchemaAndPlan(int newSchema, Plan newPlan) {
        return new RunManifest(newSchema, runId, toolVersion, status, started, ended, specFile, spec, fingerprint,
                newPlan, shard, mergedFrom, repairs);
    }

    /** A copy with {@code more} repairs recorded after those already there. */
    public RunManifest withRepairs(List<String> more) {
        List<String> all = new java.util.ArrayList<>(repairs);
        all.addAll(more);
        return new RunManifest(schema, runId, toolVersion, status, started, ended, specFile, spec, fingerprint, plan,
                shard, mergedFrom, all);
    }

    /** How a run stands. A run found {@code RUNNING} with no live process was killed. */
    public enum Status { RUNNING, COMPLETE, INTERRUPTED, FAILED }

    /**
     * The plan as it ran.
     *
     * @param points the points that run, in plan order
     * @param trialOrder trial ids in run order
     * @param infeasible points left out before running (e.g. do not fit in memory), with the reason
     * @param dropped points trimmed to fit the budget (or by sharding), with the reason
     */
    public record Plan(List<PointEntry> points, List<String> trialOrder, List<Excluded> infeasible,
            List<Excluded> dropped) {
        public Plan {
            points = List.copyOf(points);
            trialOrder = List.copyOf(trialOrder);
            infeasible = infeasible == null ? List.of() : List.copyOf(infeasible);
            dropped = dropped == null ? List.of() : List.copyOf(dropped);
        }
    }

    /**
     * A point's factors, flat, as the manifest stores them, and (schema 2) its workload.
     *
     * @param id the point id ({@link dev.scalebench.plan.PointId})
     * @param backend backend name
     * @param device device as the spec names it
     * @param model model name
     * @param params parameter count ({@link Workload#parameters()}), {@code -1} when the model kind cannot count it
     *     (a TorchScript model)
     * @param dtype {@code fp32|fp16|bf16}
     * @param phase {@code prefill|decode|generate}
     * @param batch sequences per step
     * @param seq prefill length or decode context length
     * @param workload what one step costs, computed at plan time; {@code null} in a schema-1 manifest whose stored
     *     specification does not describe the model as planned
     * @param output output tokens per request of a generate point; 0 (and not written) for prefill and decode
     */
    public record PointEntry(String id, String backend, String device, String model, long params, String dtype,
            String phase, int batch, int seq, @JsonInclude(JsonInclude.Include.NON_NULL) Workload workload,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int output) {

        /** A prefill or decode entry. */
        public PointEntry(String id, String backend, String device, String model, long params, String dtype,
                String phase, int batch, int seq, Workload workload) {
            this(id, backend, device, model, params, dtype, phase, batch, seq, workload, 0);
        }

        /** An entry without a workload (as a schema-1 manifest stores it). */
        public PointEntry(String id, String backend, String device, String model, long params, String dtype,
                String phase, int batch, int seq) {
            this(id, backend, device, model, params, dtype, phase, batch, seq, null);
        }

        /** The entry of a point, with its workload. */
        public static PointEntry of(SweepPoint p) {
            Workload w = p.workload();
            return new PointEntry(p.id(), p.backend(), p.device(), p.model().name(), w.parameters(), p.dtype().id(),
                    p.phase().id(), p.batch(), p.seq(), w, p.output());
        }

        /** This entry with a workload. */
        public PointEntry withWorkload(Workload w) {
            return new PointEntry(id, backend, device, model, params, dtype, phase, batch, seq, w, output);
        }

        /** The point's {@link PointId}. */
        public PointId pointId() {
            return new PointId(model, dtype, phase, batch, seq, output);
        }

        /** Tokens one step processes: {@code batch*seq} for prefill, {@code batch} for decode, {@code batch*output} for generate. */
        public long tokensPerStep() {
            return workload != null ? workload.tokensPerStep() : Workload.tokensPerStep(phase, batch, seq, output);
        }
    }

    /**
     * A point that does not run.
     *
     * @param id the point id
     * @param reason why, in words
     */
    public record Excluded(String id, String reason) { }

    /** Writes this manifest to {@code file} atomically (pretty-printed JSON, UTF-8). */
    public void write(Path file) {
        try {
            byte[] json = Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            AtomicFiles.write(file, withNewline);
        } catch (JsonProcessingException e) {
            throw ScalebenchException.runtime("cannot serialize the run manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws ScalebenchException bad input, naming the file (and line where known), when it is missing,
     *     not JSON, of another schema version or lacks a required field
     */
    public static RunManifest read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ScalebenchException.badInput(file + ": no such file (is this a scalebench run folder?)");
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ScalebenchException.badInput(file + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ScalebenchException.badInput(file + ": not a run manifest (expected a JSON object)");
        }
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isInt()) {
            throw ScalebenchException.badInput(file + ": no \"schema\" field; not a scalebench run manifest");
        }
        if (schema.intValue() != SCHEMA && schema.intValue() != 1) {
            throw ScalebenchException.badInput(file + ": schema " + schema.intValue()
                    + " is not supported; this scalebench reads schemas 1 and " + SCHEMA);
        }
        try {
            RunManifest m = Json.MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), RunManifest.class);
            return m.schema() == 1 ? ManifestUpgrade.fromSchema1(m) : m;
        } catch (JsonProcessingException e) {
            throw ScalebenchException.badInput(file + ": invalid run manifest: " + e.getOriginalMessage());
        }
    }
}
