package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.internal.CpuInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a hardware catalogue beyond what loading it validates (every figure positive or absent, clocks ordered):
 * <ul>
 *   <li>{@code sources}: every entry says where its figures come from;</li>
 *   <li>{@code id}: lower-case slugs;</li>
 *   <li>{@code aliases}: a GPU has at least one driver name; no name (alias or entry name, ignoring case and
 *       spacing) belongs to two entries, and none is another entry's id;</li>
 *   <li>{@code peaks}: ordered as hardware orders them, where both are listed: TF32 >= FP32; FP16 and BF16 >= FP32;
 *       the faster of FP16/BF16 >= TF32; FP8 between the faster of FP16/BF16 and INT8; INT8 >= the faster of
 *       FP16/BF16, unless INT8 is the DP4A rate of a part without INT8 tensor cores (exactly 4 x FP32); the FP32
 *       matrix rate >= FP32;</li>
 *   <li>{@code cpuIds}: CPU identities in {@link CpuInfo#cpuId()} form.</li>
 * </ul>
 * Immutable results; the check itself is a pure function of the catalogue.
 */
public final class CatalogCheck {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CPU_ID = Pattern.compile("(ARM:0x[0-9a-f]+:0x[0-9a-f]+)|([A-Za-z]+:[0-9]+:[0-9]+)");
    /** Relative slack when comparing peaks that vendors round differently (989 vs 989.5). */
    private static final double SLACK = 1e-3;

    private CatalogCheck() {
    }

    /**
     * One broken rule.
     *
     * @param id     the id of the entry that breaks it
     * @param rule   which rule: {@code sources}, {@code id}, {@code aliases}, {@code peaks} or {@code cpuIds}
     * @param detail what is wrong, for a person to read
     */
    public record Problem(String id, String rule, String detail) {
        @Override
        public String toString() {
            return id + ": " + rule + ": " + detail;
        }
    }

    /**
     * Every rule the catalogue breaks, by entry in catalogue order; empty when it passes.
     *
     * @param catalog the catalogue to check
     * @return the problems found, immutable
     */
    public static List<Problem> check(HardwareCatalog catalog) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> nameOwner = new HashMap<>();
        Map<String, String> idOwner = new HashMap<>();
        for (HardwareSpec e : catalog.all()) {
            idOwner.put(HardwareCatalog.normalize(e.id()), e.id());
        }
        for (HardwareSpec e : catalog.all()) {
            if (e.sources().isEmpty() || e.sources().stream().allMatch(String::isBlank)) {
                problems.add(new Problem(e.id(), "sources", "no source for its figures"));
            }
            if (!ID.matcher(e.id()).matches()) {
                problems.add(new Problem(e.id(), "id", "must be a lower-case slug like nvidia-h100-sxm-80gb"));
            }
            if (e.kind() == HardwareKind.GPU && e.aliases().isEmpty()) {
                problems.add(new Problem(e.id(), "aliases", "a GPU needs the name its driver reports"));
            }
            List<String> names = new ArrayList<>(e.aliases());
            names.add(e.name());
            for (String name : names.stream().map(HardwareCatalog::normalize).distinct().toList()) {
                String other = nameOwner.putIfAbsent(name, e.id());
                if (other != null) {
                    problems.add(new Problem(e.id(), "aliases", "\"" + name + "\" also names " + other));
                }
                String idOther = idOwner.get(name);
                if (idOther != null && !idOther.equals(e.id())) {
                    problems.add(new Problem(e.id(), "aliases", "\"" + name + "\" is the id of " + idOther));
                }
            }
            checkPeaks(e, problems);
            for (String cpuId : e.cpuIds()) {
                if (!CPU_ID.matcher(cpuId).matches()) {
                    problems.add(new Problem(e.id(), "cpuIds", "\"" + cpuId
                            + "\" is not <vendor_id>:<family>:<model> nor ARM:<implementer>:<part>"));
                }
            }
        }
        return List.copyOf(problems);
    }

    private static void checkPeaks(HardwareSpec e, List<Problem> problems) {
        Map<Precision, Double> p = e.peakFlopsPerSecond();
        double fp32 = p.get(Precision.FP32);
        Double tf32 = p.get(Precision.TF32);
        Double bf16 = p.get(Precision.BF16);
        Double fp16 = p.get(Precision.FP16);
        Double int8 = p.get(Precision.INT8);
        double half = Math.max(bf16 == null ? 0 : bf16, fp16 == null ? 0 : fp16);
        double fp8 = e.fp8PeakFlopsPerSecond();
        atLeast(e, problems, "tf32", tf32, "fp32", fp32);
        atLeast(e, problems, "bf16", bf16, "fp32", fp32);
        atLeast(e, problems, "fp16", fp16, "fp32", fp32);
        if (tf32 != null && half > 0) {
            atLeast(e, problems, "max(fp16, bf16)", half, "tf32", tf32);
        }
        if (fp8 > 0) {
            if (half > 0) {
                atLeast(e, problems, "fp8", fp8, "max(fp16, bf16)", half);
            }
            if (int8 != null) {
                atLeast(e, problems, "int8", int8, "fp8", fp8);
            }
        }
        boolean dp4a = int8 != null && Math.abs(int8 - 4 * fp32) <= SLACK * int8;
        if (int8 != null && half > 0 && !dp4a) {
            atLeast(e, problems, "int8", int8, "max(fp16, bf16)", half);
        }
        if (e.fp32MatrixPeakFlopsPerSecond() > 0) {
            atLeast(e, problems, "fp32Matrix", e.fp32MatrixPeakFlopsPerSecond(), "fp32", fp32);
        }
    }

    private static void atLeast(HardwareSpec e, List<Problem> problems, String big, Double bigValue, String small,
                                double smallValue) {
        if (bigValue != null && bigValue < smallValue * (1 - SLACK)) {
            problems.add(new Problem(e.id(), "peaks", String.format(Locale.ROOT, "%s (%.4g) < %s (%.4g)", big, bigValue,
                    small, smallValue)));
        }
    }
}
