package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an estimator was trained on.
 *
 * @param rows           ok rows used (step rows for the regressor plus epoch rows for the overhead)
 * @param skippedRows    rows not used: not ok (oom, error), of a phase that is never trained on, or with a time
 *                       that is not physically plausible ({@code PhysicalBounds.implausibility})
 * @param rowsByPhase    used rows by phase id
 * @param models         model names, sorted
 * @param hardwareIds    hardware catalogue ids, sorted
 * @param sourceFiles    the files the rows came from, as the caller named them (may be empty)
 * @param trainedOn      ISO date of training
 * @param libraryVersion runtime-estimator version that trained it
 * @param domain         the region of workloads it was trained on ({@link TrainingDomain#unknown()} when an older
 *                       version trained it)
 */
public record TrainingSummary(@JsonProperty("rows") int rows,
                              @JsonProperty("skippedRows") int skippedRows,
                              @JsonProperty("rowsByPhase") Map<String, Integer> rowsByPhase,
                              @JsonProperty("models") List<String> models,
                              @JsonProperty("hardwareIds") List<String> hardwareIds,
                              @JsonProperty("sourceFiles") List<String> sourceFiles,
                              @JsonProperty("trainedOn") String trainedOn,
                              @JsonProperty("libraryVersion") String libraryVersion,
                              @JsonProperty("domain") TrainingDomain domain) {

    /**
     * Normalises missing parts: null maps and lists are empty, null strings empty, a null domain unknown.
     *
     * @param rows           ok rows used (step rows for the regressor plus epoch rows for the overhead)
     * @param skippedRows    rows not used: not ok (oom, error), of a phase that is never trained on, or with a time
     *                       that is not physically plausible ({@code PhysicalBounds.implausibility})
     * @param rowsByPhase    used rows by phase id
     * @param models         model names, sorted
     * @param hardwareIds    hardware catalogue ids, sorted
     * @param sourceFiles    the files the rows came from, as the caller named them (may be empty)
     * @param trainedOn      ISO date of training
     * @param libraryVersion runtime-estimator version that trained it
     * @param domain         the region of workloads it was trained on ({@link TrainingDomain#unknown()} when an older
     *                       version trained it)
     */
    public TrainingSummary {
        rowsByPhase = rowsByPhase == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(rowsByPhase));
        models = models == null ? List.of() : List.copyOf(models);
        hardwareIds = hardwareIds == null ? List.of() : List.copyOf(hardwareIds);
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
        trainedOn = trainedOn == null ? "" : trainedOn;
        libraryVersion = libraryVersion == null ? "" : libraryVersion;
        domain = domain == null ? TrainingDomain.unknown() : domain;
    }

    /**
     * A summary without a recorded domain (as an older version trained it).
     *
     * @param rows           ok rows used
     * @param skippedRows    rows not used
     * @param rowsByPhase    used rows by phase id
     * @param models         model names, sorted
     * @param hardwareIds    hardware catalogue ids, sorted
     * @param sourceFiles    the files the rows came from (may be empty)
     * @param trainedOn      ISO date of training
     * @param libraryVersion runtime-estimator version that trained it
     */
    public TrainingSummary(int rows, int skippedRows, Map<String, Integer> rowsByPhase, List<String> models,
                           List<String> hardwareIds, List<String> sourceFiles, String trainedOn,
                           String libraryVersion) {
        this(rows, skippedRows, rowsByPhase, models, hardwareIds, sourceFiles, trainedOn, libraryVersion, null);
    }
}
