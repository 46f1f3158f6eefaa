package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The numeric precision a workload computes in. Identifiers are the lower-case names used in schema v1. */
public enum Precision {
    /** 32-bit IEEE floating point; 4 bytes an element. */
    FP32,
    /** TF32 tensor-core matmuls with FP32 storage. */
    TF32,
    /** bfloat16, 16-bit floating point; 2 bytes an element. */
    BF16,
    /** 16-bit IEEE floating point; 2 bytes an element. */
    FP16,
    /** 8-bit integer; 1 byte an element. */
    INT8;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * Lower-case identifier as written in CSV and JSON ({@code bf16}).
     *
     * @return the identifier
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Bytes one element occupies in this precision.
     *
     * @return 4, 2 or 1
     */
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
     *
     * @return the fallback precisions, best first; empty for FP32
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

    /**
     * Parses an identifier, case-insensitively; fails naming the field {@code precision} and the known ids.
     *
     * @param id the identifier; surrounding blanks are ignored
     * @return the precision
     * @throws SpecValidationException when {@code id} is null or not known
     */
    @JsonCreator
    public static Precision fromId(String id) {
        return fromId("precision", id);
    }

    /**
     * Parses an identifier as {@link #fromId(String)} does, naming {@code field} when it fails.
     *
     * @param field the field named in the exception
     * @param id    the identifier, case-insensitive, surrounding blanks ignored
     * @return the precision
     * @throws SpecValidationException when {@code id} is null or not known
     */
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
