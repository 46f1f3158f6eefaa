package io.github.runtimeestimator.models.internal;

/**
 * The caps an artifact is read under, checked before anything is inflated past them: a hostile zip (padding
 * entries, a deflate bomb, a billion tiny entries) is refused after at most these many bytes, never exhausting
 * the heap. Loading the largest artifact allowed needs about three times {@link #MAX_TOTAL_BYTES} of heap at
 * its peak; the shipped default is about 1,000 times smaller.
 */
public final class ArtifactLimits {
    /** Largest {@code .rte} file (compressed) read at all. */
    public static final long MAX_FILE_BYTES = 128L << 20;
    /** Largest {@code manifest.json}, inflated. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** Largest regressor entry, inflated. */
    public static final long MAX_ENTRY_BYTES = 64L << 20;
    /** Largest sum of every entry, inflated. */
    public static final long MAX_TOTAL_BYTES = 128L << 20;
    /** Most regressors in one artifact; with the manifest, the most entries. */
    public static final int MAX_REGRESSORS = 64;
    /** Most entries: the manifest and one per regressor. */
    public static final int MAX_ENTRIES = 1 + MAX_REGRESSORS;

    private ArtifactLimits() {
    }
}
