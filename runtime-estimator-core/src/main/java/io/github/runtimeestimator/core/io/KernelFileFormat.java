package io.github.runtimeestimator.core.io;

import java.util.Collection;

/**
 * The layouts {@link KernelCsv} reads, told apart by the header ({@code docs/formats/kernel-measurements.md}).
 */
public enum KernelFileFormat {
    /** Our own schema: a {@code schema_version} column holding {@code kernels-v1}. */
    KERNELS_V1("kernels-v1"),
    /** The NeuSight artifact's per-family files: {@code op, device, ..., latency_ms}. */
    NEUSIGHT("neusight"),
    /** Vidur's LLM operator profiles as converted for the shared data: {@code device, model, ..., median_ms}. */
    VIDUR("vidur");

    private final String id;

    KernelFileFormat(String id) {
        this.id = id;
    }

    /**
     * The format's short name, as messages name it.
     *
     * @return {@code kernels-v1}, {@code neusight} or {@code vidur}
     */
    public String id() {
        return id;
    }

    /** The format whose marker columns the header has, or null when it has none of them. */
    static KernelFileFormat detect(Collection<String> header) {
        if (header.contains("schema_version")) {
            return KERNELS_V1;
        }
        if (header.contains("latency_ms") && header.contains("op") && header.contains("device")) {
            return NEUSIGHT;
        }
        if (header.contains("median_ms") && header.contains("kind") && header.contains("num_tokens")) {
            return VIDUR;
        }
        return null;
    }
}
