package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;

/**
 * Where and with what a measurement was taken, as the collector recorded it (schema v1's host columns).
 * Kept verbatim so that a measurement written back reproduces its row.
 *
 * @param runId            one collection run
 * @param host             host name
 * @param deviceKind       schema v1 {@code device_kind}: {@code cuda} or {@code cpu}
 * @param deviceName       GPU name as the driver reports it, or the CPU model name
 * @param cpuModel         host CPU model name
 * @param cpuCores         host logical cores, 0 if unknown
 * @param cpuMhz           host nominal MHz, NaN if unknown
 * @param cpuIsa           widest vector ISA(s) of the host, as recorded ({@code avx512,amx})
 * @param threads          intra-op threads the framework used, 0 if unknown
 * @param gpuSms           GPU multiprocessors, 0 on CPU rows
 * @param gpuMemGib        GPU memory in GiB, NaN on CPU rows
 * @param framework        {@code pytorch}
 * @param frameworkVersion framework version string
 */
public record RunInfo(
        @JsonProperty("runId") String runId,
        @JsonProperty("host") String host,
        @JsonProperty("deviceKind") String deviceKind,
        @JsonProperty("deviceName") String deviceName,
        @JsonProperty("cpuModel") String cpuModel,
        @JsonProperty("cpuCores") int cpuCores,
        @JsonProperty("cpuMhz") double cpuMhz,
        @JsonProperty("cpuIsa") String cpuIsa,
        @JsonProperty("threads") int threads,
        @JsonProperty("gpuSms") int gpuSms,
        @JsonProperty("gpuMemGib") double gpuMemGib,
        @JsonProperty("framework") String framework,
        @JsonProperty("frameworkVersion") String frameworkVersion) {

    /**
     * Validates the run: the device kind and name are required and not blank; fails with a SpecValidationException
     * naming the schema v1 column ({@code device_kind}, {@code device_name}). Other null text becomes empty.
     *
     * @param runId            one collection run; null becomes empty
     * @param host             host name; null becomes empty
     * @param deviceKind       schema v1 {@code device_kind}: {@code cuda} or {@code cpu}; not blank
     * @param deviceName       GPU name as the driver reports it, or the CPU model name; not blank
     * @param cpuModel         host CPU model name; null becomes empty
     * @param cpuCores         host logical cores, 0 if unknown
     * @param cpuMhz           host nominal MHz, NaN if unknown
     * @param cpuIsa           widest vector ISA(s) of the host, as recorded; null becomes empty
     * @param threads          intra-op threads the framework used, 0 if unknown
     * @param gpuSms           GPU multiprocessors, 0 on CPU rows
     * @param gpuMemGib        GPU memory in GiB, NaN on CPU rows
     * @param framework        {@code pytorch}; null becomes empty
     * @param frameworkVersion framework version string; null becomes empty
     */
    public RunInfo {
        runId = runId == null ? "" : runId;
        host = host == null ? "" : host;
        Checks.requiredText("device_kind", deviceKind);
        Checks.requiredText("device_name", deviceName);
        cpuModel = cpuModel == null ? "" : cpuModel;
        cpuIsa = cpuIsa == null ? "" : cpuIsa;
        framework = framework == null ? "" : framework;
        frameworkVersion = frameworkVersion == null ? "" : frameworkVersion;
    }
}
