package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.HardwareSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The hardware the library knows, by id and by the names drivers report. SKELETON: signatures fixed, bodies
 * to be written by the catalogue work.
 */
public final class HardwareCatalog {

    private HardwareCatalog() {
    }

    /** The built-in catalogue (a JSON resource in this jar, every figure with its source). */
    public static HardwareCatalog builtIn() {
        throw new UnsupportedOperationException("not yet");
    }

    /** A catalogue of exactly these entries. */
    public static HardwareCatalog of(Collection<HardwareSpec> entries) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reads a user catalogue file (the built-in JSON format). */
    public static HardwareCatalog fromJson(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** This catalogue with {@code overrides} merged over it: same id replaces, new ids are added. */
    public HardwareCatalog withOverrides(HardwareCatalog overrides) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every entry, in catalogue order. */
    public List<HardwareSpec> all() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Looks up by id or by a reported device name ({@code NVIDIA H100 80GB HBM3}), case-insensitively. */
    public Optional<HardwareSpec> find(String idOrReportedName) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Like {@link #find(String)}, failing with {@link UnknownHardwareException} that lists close ids. */
    public HardwareSpec require(String idOrReportedName) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A CPU entry by the model name {@code /proc/cpuinfo} reports and its logical core count. */
    public Optional<HardwareSpec> findCpu(String cpuModel, int logicalCores) {
        throw new UnsupportedOperationException("not yet");
    }
}
