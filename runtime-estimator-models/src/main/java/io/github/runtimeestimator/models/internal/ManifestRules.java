package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.models.DescriptorInference;
import io.github.runtimeestimator.models.IntervalGroup;
import io.github.runtimeestimator.models.TrainingDomain;
import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.PhaseInterval;
import io.github.runtimeestimator.models.PredictionIntervals;
import io.github.runtimeestimator.models.TrainingSummary;
import io.github.runtimeestimator.models.internal.ArtifactManifest.FeatureSetRef;
import io.github.runtimeestimator.models.internal.ArtifactManifest.RegressorRef;
import io.github.runtimeestimator.models.operators.KernelDataFile;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModelProvenance;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The range and consistency rules of every manifest field, checked after the JSON is bound and before any
 * other entry is read. A broken rule fails with an {@link ArtifactFormatException} naming
 * {@code manifest.json}, the field (a path such as {@code regressors[0].standardization.scales[3]}) and the rule.
 * Bounds are far outside what training produces; they exist so that an edited manifest cannot make an estimate
 * non-finite or a prediction loop. Whether a feature set is known to this library is checked later, when the
 * estimator is assembled.
 */
public final class ManifestRules {
    /**
     * Largest magnitude of an interval's log residual: bounds at most e^50 (5e21) times the estimate (training
     * clamps wider quantiles to it: they carry no information).
     */
    public static final double MAX_ABS_LOG_RESIDUAL = 50;
    /**
     * Largest per-step epoch overhead fraction, an epoch at most a million times its steps (training clamps a
     * larger fit to it); with it, the bounds above and steps within a long, an estimate stays finite.
     */
    public static final double MAX_OVERHEAD_FRACTION = 1e6;
    /** Largest fixed per-epoch overhead, seconds. */
    public static final double MAX_EPOCH_SECONDS = 1e9;

    private static final String ENTRY = "manifest.json";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern HYPER_PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})?");
    private static final int MAX_TEXT = 1_000;
    private static final int MAX_LIST = 100_000;
    private static final int MAX_FEATURE_SETS = 16;
    private static final int MAX_FEATURES = 4_096;
    /** Largest launch floor of an operator family, seconds (measured floors are microseconds). */
    public static final double MAX_FLOOR_SECONDS = 1;
    private static final Pattern OPTIONAL_SHA256 = Pattern.compile("([0-9a-f]{64})?");
    private static final int MAX_SOURCES = 1_000;
    private static final int MAX_DEVICES = 10_000;
    private static final Set<String> MEASURED_PHASES = Set.of(Phase.INFER.id(), Phase.TRAIN_STEP.id());
    private static final Set<String> PHASES = Arrays.stream(Phase.values()).map(Phase::id).collect(Collectors.toSet());
    private static final Set<String> KINDS = Arrays.stream(HardwareKind.values()).map(HardwareKind::id)
            .collect(Collectors.toSet());
    private static final Set<String> PRECISIONS = Arrays.stream(Precision.values()).map(Precision::id)
            .collect(Collectors.toSet());

    private final String source;

    private ManifestRules(String source) {
        this.source = source;
    }

    /** Checks every field of {@code m}; {@code source} names the artifact in messages. */
    public static void check(ArtifactManifest m, String source) throws ArtifactFormatException {
        new ManifestRules(source).check(m);
    }

    private void check(ArtifactManifest m) throws ArtifactFormatException {
        text("libraryVersion", m.libraryVersion(), 100);
        matches("trainer", m.trainer(), ID);
        hyperParameters("hyperParameters", m.hyperParameters());
        hyperParameters("resolvedHyperParameters", m.resolvedHyperParameters());
        for (Map.Entry<String, String> e : m.hyperParameters().entrySet()) {
            if (!e.getValue().equals(m.resolvedHyperParameters().get(e.getKey()))) {
                fail("resolvedHyperParameters." + e.getKey(), "is " + m.resolvedHyperParameters().get(e.getKey())
                        + " but hyperParameters sets " + e.getValue());
            }
        }
        Map<String, FeatureSetRef> featureSets = featureSets(m.featureSets());
        if (m.rooflineVersion() < 1) {
            fail("rooflineVersion", m.rooflineVersion() + " must be >= 1");
        }
        epochOverhead(m.epochOverhead());
        intervals(m.intervals());
        trainingData(m.trainingData());
        heldOut(m.heldOut());
        descriptorInference(m.descriptorInference());
        regressors(m.regressors(), featureSets);
    }

    private Map<String, FeatureSetRef> featureSets(List<FeatureSetRef> sets) throws ArtifactFormatException {
        count("featureSets", sets.size(), 1, MAX_FEATURE_SETS);
        Map<String, FeatureSetRef> byId = new HashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            FeatureSetRef f = sets.get(i);
            String field = "featureSets[" + i + "]";
            matches(field + ".id", f.id(), ID);
            if (byId.put(f.id(), f) != null) {
                fail(field + ".id", "'" + f.id() + "' is declared twice");
            }
            if (f.version() < 1) {
                fail(field + ".version", f.version() + " must be >= 1");
            }
            distinctTexts(field + ".names", f.names(), 1, MAX_FEATURES, 200);
        }
        return byId;
    }

    /**
     * Checks one binary entry the manifest declares (its entry name, its size within the limits, the running total
     * of the entries' sizes, its digest's form) and returns the new running total.
     */
    private long binaryEntry(String field, String entry, String expectedEntry, long bytes, String sha256,
                             long total) throws ArtifactFormatException {
        if (!expectedEntry.equals(entry)) {
            fail(field + ".entry", "'" + entry + "' must be '" + expectedEntry + "'");
        }
        if (bytes < Sha256.BYTES + Payload.HEADER_BYTES || bytes > ArtifactLimits.MAX_ENTRY_BYTES) {
            fail(field + ".bytes", bytes + " must be within [" + (Sha256.BYTES + Payload.HEADER_BYTES)
                    + ", " + ArtifactLimits.MAX_ENTRY_BYTES + "]");
        }
        long sum = total + bytes;
        if (sum > ArtifactLimits.MAX_TOTAL_BYTES) {
            fail(field + ".bytes", "the entries add up to more than " + ArtifactLimits.MAX_TOTAL_BYTES + " bytes");
        }
        matches(field + ".sha256", sha256, SHA256);
        return sum;
    }

    private void regressors(List<RegressorRef> regressors, Map<String, FeatureSetRef> featureSets)
            throws ArtifactFormatException {
        count("regressors", regressors.size(), 1, ArtifactLimits.MAX_REGRESSORS);
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int i = 0; i < regressors.size(); i++) {
            RegressorRef r = regressors.get(i);
            String field = "regressors[" + i + "]";
            matches(field + ".name", r.name(), CompiledRegressor.NAME);
            if (!names.add(r.name())) {
                fail(field + ".name", "'" + r.name() + "' is declared twice");
            }
            total = binaryEntry(field, r.entry(), ArtifactManifest.entryOf(r.name()), r.bytes(), r.sha256(), total);
            FeatureSetRef set = featureSets.get(r.featureSet());
            if (set == null) {
                fail(field + ".featureSet", "'" + r.featureSet() + "' is not declared in featureSets");
            }
            distinctTexts(field + ".inputs", r.inputs(), 1, set.names().size(), 200);
            Set<String> known = new HashSet<>(set.names());
            for (int j = 0; j < r.inputs().size(); j++) {
                if (!known.contains(r.inputs().get(j))) {
                    fail(field + ".inputs[" + j + "]", "'" + r.inputs().get(j) + "' is not a feature of "
                            + set.id() + " v" + set.version());
                }
            }
            standardization(field + ".standardization", r.standardization(), r.inputs().size());
            if (!EvaluatorCodec.KINDS.contains(r.evaluator())) {
                fail(field + ".evaluator", "'" + r.evaluator() + "' is not one of " + EvaluatorCodec.KINDS);
            }
        }
    }

    private void standardization(String field, ArtifactManifest.StandardizationRef s, int inputs)
            throws ArtifactFormatException {
        if (s.means().length != inputs) {
            fail(field + ".means", "count " + s.means().length + " but " + inputs + " inputs");
        }
        if (s.scales().length != inputs) {
            fail(field + ".scales", "count " + s.scales().length + " but " + inputs + " inputs");
        }
        double max = CompiledRegressor.MAX_ABS_STANDARDIZATION;
        for (int i = 0; i < inputs; i++) {
            if (!(Math.abs(s.means()[i]) <= max)) {
                fail(field + ".means[" + i + "]", s.means()[i] + " must be finite with magnitude <= " + max);
            }
            if (!(s.scales()[i] >= 1 / max && s.scales()[i] <= max)) {
                fail(field + ".scales[" + i + "]", s.scales()[i] + " must be within [" + 1 / max + ", " + max + "]");
            }
        }
    }

    private void epochOverhead(EpochOverhead o) throws ArtifactFormatException {
        range("epochOverhead.perStepFraction", o.perStepFraction(), 0, MAX_OVERHEAD_FRACTION);
        range("epochOverhead.perEpochSeconds", o.perEpochSeconds(), 0, MAX_EPOCH_SECONDS);
        count("epochOverhead.rows", o.rows(), 0, Integer.MAX_VALUE);
        range("epochOverhead.medianApe", o.medianApe(), 0, Double.MAX_VALUE);
        if (o.rows() == 0 && (o.perStepFraction() != 0 || o.perEpochSeconds() != 0)) {
            fail("epochOverhead", "an overhead fitted on 0 rows must be 0");
        }
    }

    private void intervals(PredictionIntervals p) throws ArtifactFormatException {
        if (!(p.nominalCoverage() >= 0 && p.nominalCoverage() < 1)) {
            fail("intervals.nominalCoverage", p.nominalCoverage() + " must be within [0, 1)");
        }
        interval("intervals.pooled", p.pooled());
        for (Map.Entry<String, PhaseInterval> e : p.byPhase().entrySet()) {
            if (!MEASURED_PHASES.contains(e.getKey())) {
                fail("intervals.byPhase." + e.getKey(), "is not a measured phase " + MEASURED_PHASES);
            }
            interval("intervals.byPhase." + e.getKey(), e.getValue());
        }
        group("intervals.unseenFamily", p.unseenFamily());
        group("intervals.unseenHardware", p.unseenHardware());
        group("intervals.inferredModel", p.inferredModel());
    }

    private void group(String field, IntervalGroup g) throws ArtifactFormatException {
        text(field + ".calibration", g.calibration(), MAX_TEXT);
        interval(field + ".pooled", g.pooled());
        for (Map.Entry<String, PhaseInterval> e : g.byPhase().entrySet()) {
            if (!MEASURED_PHASES.contains(e.getKey())) {
                fail(field + ".byPhase." + e.getKey(), "is not a measured phase " + MEASURED_PHASES);
            }
            interval(field + ".byPhase." + e.getKey(), e.getValue());
        }
    }

    private void descriptorInference(DescriptorInference d) throws ArtifactFormatException {
        count("descriptorInference.neighbours", d.neighbours(), 1, 1_000);
        count("descriptorInference.references", d.references().size(), 0, MAX_LIST);
        for (int i = 0; i < d.references().size(); i++) {
            DescriptorInference.Reference r = d.references().get(i);
            String field = "descriptorInference.references[" + i + "]";
            text(field + ".name", r.name(), MAX_TEXT);
            text(field + ".family", r.family(), MAX_TEXT);
            text(field + ".inputShape", r.inputShape(), MAX_TEXT);
            range(field + ".flopsPerSample", r.flopsPerSample(), Double.MIN_VALUE, Double.MAX_VALUE);
            range(field + ".activationElementsPerSample", r.activationElementsPerSample(), Double.MIN_VALUE,
                    Double.MAX_VALUE);
            range(field + ".matmulFlopsPerSample", r.matmulFlopsPerSample(), 0, Double.MAX_VALUE);
        }
    }

    private void domain(TrainingDomain d) throws ArtifactFormatException {
        String field = "trainingData.domain";
        range(field + ".parameters.max", d.parameters().max(), 0, Double.MAX_VALUE);
        range(field + ".flopsPerSample.max", d.flopsPerSample().max(), 0, Double.MAX_VALUE);
        range(field + ".batchSize.max", d.batchSize().max(), 0, Double.MAX_VALUE);
        for (Map.Entry<String, List<String>> e : d.precisionsByKind().entrySet()) {
            if (!KINDS.contains(e.getKey())) {
                fail(field + ".precisionsByKind." + e.getKey(), "is not a hardware kind " + KINDS);
            }
            for (String p : e.getValue()) {
                if (!PRECISIONS.contains(p)) {
                    fail(field + ".precisionsByKind." + e.getKey(), "'" + p + "' is not a precision " + PRECISIONS);
                }
            }
        }
        texts(field + ".families", d.families());
        count(field + ".hardware", d.hardware().size(), 0, MAX_LIST);
        for (int i = 0; i < d.hardware().size(); i++) {
            TrainingDomain.Device dev = d.hardware().get(i);
            String f = field + ".hardware[" + i + "]";
            text(f + ".id", dev.id(), MAX_TEXT);
            if (!KINDS.contains(dev.kind())) {
                fail(f + ".kind", "'" + dev.kind() + "' is not a hardware kind " + KINDS);
            }
            range(f + ".memoryBandwidthBytesPerSecond", dev.memoryBandwidthBytesPerSecond(), Double.MIN_VALUE,
                    Double.MAX_VALUE);
            for (Map.Entry<String, Double> e : dev.peakFlopsPerSecond().entrySet()) {
                if (!PRECISIONS.contains(e.getKey())) {
                    fail(f + ".peakFlopsPerSecond." + e.getKey(), "is not a precision " + PRECISIONS);
                }
                range(f + ".peakFlopsPerSecond." + e.getKey(), e.getValue(), Double.MIN_VALUE, Double.MAX_VALUE);
            }
            for (String p : dev.precisions()) {
                if (!PRECISIONS.contains(p)) {
                    fail(f + ".precisions", "'" + p + "' is not a precision " + PRECISIONS);
                }
            }
        }
    }

    private void interval(String field, PhaseInterval i) throws ArtifactFormatException {
        range(field + ".lowerLogResidual", i.lowerLogResidual(), -MAX_ABS_LOG_RESIDUAL, 0);
        range(field + ".upperLogResidual", i.upperLogResidual(), 0, MAX_ABS_LOG_RESIDUAL);
        count(field + ".rows", i.rows(), 0, Integer.MAX_VALUE);
        range(field + ".coverage", i.coverage(), 0, 1);
    }

    private void trainingData(TrainingSummary t) throws ArtifactFormatException {
        count("trainingData.rows", t.rows(), 0, Integer.MAX_VALUE);
        count("trainingData.skippedRows", t.skippedRows(), 0, Integer.MAX_VALUE);
        long sum = 0;
        for (Map.Entry<String, Integer> e : t.rowsByPhase().entrySet()) {
            if (!PHASES.contains(e.getKey())) {
                fail("trainingData.rowsByPhase." + e.getKey(), "is not a phase");
            }
            count("trainingData.rowsByPhase." + e.getKey(), e.getValue(), 0, Integer.MAX_VALUE);
            sum += e.getValue();
        }
        if (sum != t.rows()) {
            fail("trainingData.rowsByPhase", "adds up to " + sum + " rows, trainingData.rows is " + t.rows());
        }
        texts("trainingData.models", t.models());
        texts("trainingData.hardwareIds", t.hardwareIds());
        texts("trainingData.sourceFiles", t.sourceFiles());
        matches("trainingData.trainedOn", t.trainedOn(), DATE);
        text("trainingData.libraryVersion", t.libraryVersion(), 100);
        domain(t.domain());
    }

    private void heldOut(HeldOutMetrics h) throws ArtifactFormatException {
        text("heldOut.split", h.split(), MAX_TEXT);
        count("heldOut.folds", h.folds(), 0, 1_000);
        count("heldOut.rows", h.rows(), 0, Integer.MAX_VALUE);
        if (h.folds() == 0 && h.rows() != 0) {
            fail("heldOut.rows", h.rows() + " rows held out in 0 folds");
        }
        range("heldOut.maeSeconds", h.maeSeconds(), 0, Double.MAX_VALUE);
        range("heldOut.medianApe", h.medianApe(), 0, Double.MAX_VALUE);
        range("heldOut.mape", h.mape(), 0, Double.MAX_VALUE);
        range("heldOut.within10Percent", h.within10Percent(), 0, 1);
        range("heldOut.within25Percent", h.within25Percent(), h.within10Percent(), 1);
        range("heldOut.medianMeasuredSeconds", h.medianMeasuredSeconds(), 0, Double.MAX_VALUE);
    }

    /**
     * Checks the optional {@code operatorModel} section ({@link OperatorSection}): the feature version this library
     * extracts, known and distinct families with their entry names, sizes and checksums, inputs that are features
     * of the family, the evaluator kind, launch floors within [0, 1] s, and the provenance's texts and counts.
     */
    public static void checkOperatorSection(OperatorSection s, String source) throws ArtifactFormatException {
        new ManifestRules(source).operatorSection(s);
    }

    private void operatorSection(OperatorSection s) throws ArtifactFormatException {
        String f = OperatorSection.FIELD;
        if (s.featureVersion() != OperatorFeatures.VERSION) {
            fail(f + ".featureVersion", s.featureVersion() + ": trained on per-operator features v"
                    + s.featureVersion() + ", this library extracts v" + OperatorFeatures.VERSION + "; retrain it");
        }
        OperatorModelProvenance p = s.provenance();
        matches(f + ".provenance.trainer", p.trainer(), ID);
        hyperParameters(f + ".provenance.hyperParameters", p.hyperParameters());
        count(f + ".provenance.rows", p.rows(), 0, Long.MAX_VALUE);
        count(f + ".provenance.sources", p.sources().size(), 0, MAX_SOURCES);
        for (int i = 0; i < p.sources().size(); i++) {
            KernelDataSource k = p.sources().get(i);
            String field = f + ".provenance.sources[" + i + "]";
            text(field + ".name", k.name(), MAX_TEXT);
            text(field + ".repository", k.repository(), MAX_TEXT);
            text(field + ".commit", k.commit(), 100);
            text(field + ".licence", k.licence(), 100);
            count(field + ".rows", k.rows(), 0, Long.MAX_VALUE);
            count(field + ".files", k.files().size(), 0, MAX_SOURCES);
            for (int j = 0; j < k.files().size(); j++) {
                KernelDataFile file = k.files().get(j);
                text(field + ".files[" + j + "].path", file.path(), MAX_TEXT);
                matches(field + ".files[" + j + "].sha256", file.sha256(), OPTIONAL_SHA256);
                count(field + ".files[" + j + "].rows", file.rows(), 0, Long.MAX_VALUE);
            }
        }
        count(f + ".provenance.rowsByDevice", p.rowsByDevice().size(), 0, MAX_DEVICES);
        for (Map.Entry<String, Map<String, Long>> e : p.rowsByDevice().entrySet()) {
            String field = f + ".provenance.rowsByDevice." + e.getKey();
            text(field, e.getKey(), 200);
            count(field, e.getValue().size(), 0, OperatorFamily.values().length);
            for (Map.Entry<String, Long> r : e.getValue().entrySet()) {
                family(field + "." + r.getKey(), r.getKey());
                count(field + "." + r.getKey(), r.getValue(), 0, Long.MAX_VALUE);
            }
        }
        count(f + ".families", s.families().size(), 1, OperatorFamily.values().length);
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < s.families().size(); i++) {
            OperatorSection.FamilyRef r = s.families().get(i);
            String field = f + ".families[" + i + "]";
            OperatorFamily family = family(field + ".family", r.family());
            if (!seen.add(r.family())) {
                fail(field + ".family", "'" + r.family() + "' is declared twice");
            }
            total = binaryEntry(field, r.entry(), OperatorSection.entryOf(r.family()), r.bytes(), r.sha256(), total);
            List<String> names = OperatorFeatures.names(family);
            distinctTexts(field + ".inputs", r.inputs(), 0, names.size(), 200);
            Set<String> known = new HashSet<>(names);
            for (int j = 0; j < r.inputs().size(); j++) {
                if (!known.contains(r.inputs().get(j))) {
                    fail(field + ".inputs[" + j + "]", "'" + r.inputs().get(j) + "' is not a " + r.family()
                            + " feature of per-operator features v" + OperatorFeatures.VERSION);
                }
            }
            if (!EvaluatorCodec.XGBOOST_TREES.equals(r.evaluator())) {
                fail(field + ".evaluator", "'" + r.evaluator() + "' must be '" + EvaluatorCodec.XGBOOST_TREES + "'");
            }
            count(field + ".floorSeconds", r.floorSeconds().size(), 0, MAX_DEVICES);
            for (Map.Entry<String, Double> e : r.floorSeconds().entrySet()) {
                text(field + ".floorSeconds." + e.getKey(), e.getKey(), 200);
                range(field + ".floorSeconds." + e.getKey(), e.getValue(), 0, MAX_FLOOR_SECONDS);
            }
            count(field + ".trainedOn", r.trainedOn().size(), 0, MAX_DEVICES);
            for (int j = 0; j < r.trainedOn().size(); j++) {
                text(field + ".trainedOn[" + j + "]", r.trainedOn().get(j), 200);
            }
            count(field + ".trainingRows", r.trainingRows(), 0, Integer.MAX_VALUE);
        }
    }

    private OperatorFamily family(String field, String id) throws ArtifactFormatException {
        for (OperatorFamily family : OperatorFamily.values()) {
            if (family.id().equals(id)) {
                return family;
            }
        }
        fail(field, "'" + id + "' is not an operator family " + Arrays.stream(OperatorFamily.values())
                .map(OperatorFamily::id).toList());
        return null;
    }

    private void hyperParameters(String field, Map<String, String> values) throws ArtifactFormatException {
        count(field, values.size(), 0, 100);
        for (Map.Entry<String, String> e : values.entrySet()) {
            matches(field + "." + e.getKey(), e.getKey(), HYPER_PARAMETER);
            text(field + "." + e.getKey(), e.getValue(), 100);
        }
    }

    private void distinctTexts(String field, List<String> values, int min, int max, int maxLength)
            throws ArtifactFormatException {
        count(field, values.size(), min, max);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            text(field + "[" + i + "]", values.get(i), maxLength);
            if (values.get(i).isEmpty()) {
                fail(field + "[" + i + "]", "must not be empty");
            }
            if (!seen.add(values.get(i))) {
                fail(field + "[" + i + "]", "'" + values.get(i) + "' appears twice");
            }
        }
    }

    private void texts(String field, List<String> values) throws ArtifactFormatException {
        count(field, values.size(), 0, MAX_LIST);
        for (int i = 0; i < values.size(); i++) {
            text(field + "[" + i + "]", values.get(i), MAX_TEXT);
        }
    }

    private void text(String field, String value, int maxLength) throws ArtifactFormatException {
        if (value == null) {
            fail(field, "is required");
        }
        if (value.length() > maxLength) {
            fail(field, "is " + value.length() + " characters long, at most " + maxLength + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                fail(field, "holds a control character at " + i);
            }
        }
    }

    private void matches(String field, String value, Pattern pattern) throws ArtifactFormatException {
        if (value == null || !pattern.matcher(value).matches()) {
            fail(field, "'" + value + "' must match " + pattern);
        }
    }

    private void range(String field, double value, double min, double max) throws ArtifactFormatException {
        if (!(value >= min && value <= max)) {
            fail(field, value + " must be within [" + min + ", " + max + "]");
        }
    }

    private void count(String field, long value, long min, long max) throws ArtifactFormatException {
        if (value < min || value > max) {
            fail(field, (field.endsWith("s") || field.endsWith("]") ? "count " : "") + value + " must be within ["
                    + min + ", " + max + "]");
        }
    }

    private void fail(String field, String problem) throws ArtifactFormatException {
        throw new ArtifactFormatException(source, ENTRY, field, problem);
    }
}
