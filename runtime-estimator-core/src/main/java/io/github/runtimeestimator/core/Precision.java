package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The numeric precision a workload computes in. Identifiers are the lower-case names used in schema v1. */
public enum Precision {
    FP32,
    /** TF32 tensor-core matmuls with FP32 storage. */
    TF32,
    BF16,
    FP16,
    INT8;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Lower-case identifier as written in CSV and JSON ({@code bf16}). */
    @JsonValue
    public String id() {
        return id;
    }

    /** Bytes one element occupies in this precision. */
    public int bytesPerElement() {
        switch (this) {
            case BF16:
            case FP16:
                return 2;
            case INT8:
                return 1;
            default:
                return 4;
        }
    }

    /**
     * When a device lists no peak for this precision, the precisions whose peak it runs at instead, in order.
     * FP32 always ends the chain, so every device with an FP32 figure has an answer.
     */
    public List<Precision> fallbacks() {
        switch (this) {
            case TF32:
                return List.of(FP32);
            case BF16:
                return List.of(FP16, FP32);
            case FP16:
                return List.of(BF16, FP32);
            case INT8:
                return List.of(FP16, BF16, FP32);
            default:
                return List.of();
        }
    }

    /** Parses an identifier, case-insensitively; fails naming the field {@code precision} and the known ids. */
    @JsonCreator
    public static Precision fromId(String id) {
        return fromId("precision", id);
    }

    public static Precision fromId(String field, String id) {
        if (id != null) {
            for (Precision p : values()) {
                if (p.id.equalsIgnoreCase(id.trim())) {
                    return p;
                }
            }
        }
        throw new SpecValidationException(field, id, "must be one of " + knownIds());
    }

    private static String knownIds() {
        return Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ", "[", "]"));
    }
}
