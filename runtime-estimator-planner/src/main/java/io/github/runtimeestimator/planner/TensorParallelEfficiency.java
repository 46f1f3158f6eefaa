package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.HardwareSpec;
import java.util.Map;

/**
 * How well a transformer layer's work splits over the GPUs of a tensor-parallel group, as measured: the per-GPU
 * timings of tensor-parallel shards in the Vidur profiling data (microsoft/vidur, commit
 * {@code 7d47513363ec447a741ac5e47241580b47724fbf}, MLSys 2024; fp16 forward operators of one layer of eight LLMs on
 * A100-SXM4-80GB, A40 and H100 80GB HBM3; {@code /work/shared/datasets/public/vidur-ops}, see its README).
 *
 * <p>For each device, model and token count, the efficiency of a shard is {@code t(1) / (n x t(n))}: the layer's
 * operator time (every operator but the embedding lookup) on one GPU over {@code n} times its time on one GPU of an
 * {@code n}-way group. 1 would be a perfect split; small token counts split badly (each shard's matrices get thin).
 * The table gives, per device, {@code n} (2, 4, 8) and tokens processed at once ({@code <= 256}, {@code <= 2048},
 * more), the median and the 10th percentile over the data's models and token counts. The figures are recomputed from
 * the shared data by {@code TensorParallelEfficiencyTest} when it is present.
 *
 * <p>Limits: forward operators only (the backward of a training step is assumed to split alike); communication is not
 * in these timings (the planner adds it from the ring formula); other devices than the three measured get the lowest
 * figure measured on any of them.
 */
public final class TensorParallelEfficiency {
    /** Where the figures come from. */
    public static final String SOURCE = "Vidur per-GPU tensor-parallel shard timings (microsoft/vidur 7d47513)";

    /** Token-count buckets: up to 256, up to 2048, more. */
    static final double[] BUCKET_UPPER_TOKENS = {256, 2048, Double.POSITIVE_INFINITY};

    /** {median, p10} by Vidur device, then n = 2, 4, 8, then bucket. */
    static final Map<String, double[][][]> MEASURED = Map.of(
            "NVIDIA A100-SXM4-80GB", new double[][][] {
                {{0.950, 0.847}, {0.982, 0.950}, {0.967, 0.941}},
                {{0.869, 0.721}, {0.954, 0.879}, {0.941, 0.893}},
                {{0.725, 0.539}, {0.877, 0.716}, {0.865, 0.805}}},
            "NVIDIA A40", new double[][][] {
                {{0.965, 0.859}, {0.981, 0.935}, {0.982, 0.920}},
                {{0.905, 0.798}, {0.931, 0.874}, {0.913, 0.888}},
                {{0.835, 0.740}, {0.856, 0.767}, {0.863, 0.802}}},
            "NVIDIA H100 80GB HBM3", new double[][][] {
                {{0.917, 0.847}, {0.951, 0.860}, {0.988, 0.948}},
                {{0.784, 0.679}, {0.848, 0.713}, {0.941, 0.830}},
                {{0.600, 0.471}, {0.715, 0.556}, {0.824, 0.641}}});

    /** Catalogue ids measured (or the same GPU with another memory size) and their Vidur device. */
    private static final Map<String, String> DEVICE_OF = Map.of(
            "nvidia-a100-sxm-80gb", "NVIDIA A100-SXM4-80GB",
            "nvidia-a100-sxm-40gb", "NVIDIA A100-SXM4-80GB",
            "nvidia-a40-48gb", "NVIDIA A40",
            "nvidia-h100-sxm-80gb", "NVIDIA H100 80GB HBM3");

    private TensorParallelEfficiency() {
    }

    /**
     * The shard efficiency at {@code devices} for a step of {@code tokens} tokens on {@code hardware}.
     *
     * @param median     the median measured: the point estimate divides by {@code devices x median}
     * @param p10        the 10th percentile: the upper bound divides by {@code devices x p10}
     * @param measuredOn the Vidur device the figures are from
     * @param note       "" when measured on this device, else why another device's figure is used
     */
    public record Shard(double median, double p10, String measuredOn, String note) {
    }

    /**
     * The shard efficiency; {@code devices} must be 2, 4 or 8.
     *
     * @param hardware the device; one the data does not cover gets the lowest median measured on the three
     * @param devices  GPUs in the tensor-parallel group: 2, 4 or 8, else an IllegalArgumentException
     * @param tokens   tokens processed at once, which pick the bucket (up to 256, up to 2048, more)
     * @return the median and 10th-percentile efficiency, with the device they were measured on
     */
    public static Shard of(HardwareSpec hardware, int devices, double tokens) {
        int n = switch (devices) {
            case 2 -> 0;
            case 4 -> 1;
            case 8 -> 2;
            default -> throw new IllegalArgumentException("tensor-parallel efficiency is measured for 2, 4 or 8 devices,"
                    + " not " + devices);
        };
        int bucket = 0;
        while (tokens > BUCKET_UPPER_TOKENS[bucket]) {
            bucket++;
        }
        String device = DEVICE_OF.get(hardware.id());
        if (device != null) {
            double[] f = MEASURED.get(device)[n][bucket];
            String note = device.startsWith("NVIDIA A100") && !hardware.id().equals("nvidia-a100-sxm-80gb")
                    ? "measured on the A100-SXM4-80GB, the same GPU with more memory" : "";
            return new Shard(f[0], f[1], device, note);
        }
        String lowest = null;
        for (Map.Entry<String, double[][][]> e : MEASURED.entrySet()) {
            if (lowest == null || e.getValue()[n][bucket][0] < MEASURED.get(lowest)[n][bucket][0]) {
                lowest = e.getKey();
            }
        }
        double[] f = MEASURED.get(lowest)[n][bucket];
        return new Shard(f[0], f[1], lowest, "not measured on " + hardware.id() + ": the lowest of the three measured"
                + " devices (" + lowest + ") is used");
    }
}
