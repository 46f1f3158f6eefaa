package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareSpec;

/**
 * Predicted peak memory of ONE device running a workload, by part.
 *
 * <p>Under the planner's data-parallel assumption (DDP without sharding) every device holds a full copy of
 * the weights, gradients and optimizer state, and the batch is split evenly across the devices, so
 * {@code activationsBytes} is for {@code ceil(batchSize / deviceCount)} samples. {@link #fits(HardwareSpec)}
 * therefore compares {@code totalBytes} with the memory of one device, not with the sum over devices.
 *
 * @param weightsBytes             parameters (and, under mixed precision, their low-precision copies)
 * @param gradientsBytes           one gradient per parameter in the parameters' dtype; 0 for inference
 * @param optimizerStateBytes      optimizer state in fp32; 0 for inference
 * @param activationsBytes         activations kept alive at the peak
 * @param overheadBytes            framework context plus allocator fragmentation
 * @param totalBytes               the sum of the parts: the predicted peak
 * @param deviceCount              devices the workload is spread over (the estimate is per device)
 * @param samplesPerDevice         samples of the batch one device holds
 * @param activationsFromDescriptor true when activations came from the model's operator graph or its
 *                                 {@code activationElementsPerSample}, false when the FLOPs-based fallback proxy was
 *                                 used
 * @param marginBytes              the error margin {@link #fits} adds to {@code totalBytes}: the estimate's measured
 *                                 under-prediction (see {@link MemoryEstimator#DEFAULT_MARGIN}); not part of the total
 */
public record MemoryEstimate(
        long weightsBytes,
        long gradientsBytes,
        long optimizerStateBytes,
        long activationsBytes,
        long overheadBytes,
        long totalBytes,
        int deviceCount,
        int samplesPerDevice,
        boolean activationsFromDescriptor,
        long marginBytes) {

    /** Bytes in one MiB: 2<sup>20</sup>. */
    public static final long MIB = 1024L * 1024L;

    /**
     * Validates the parts and the margin (&gt;= 0) and the device and sample counts (&gt;= 1), failing with a
     * SpecValidationException naming the field; fails with an IllegalArgumentException when {@code totalBytes} is not
     * the sum of the five parts.
     *
     * @param weightsBytes              parameters, in bytes
     * @param gradientsBytes            gradients, in bytes; 0 for inference
     * @param optimizerStateBytes       optimizer state, in bytes; 0 for inference
     * @param activationsBytes          activations kept alive at the peak, in bytes
     * @param overheadBytes             framework context plus allocator fragmentation, in bytes
     * @param totalBytes                the sum of the parts: the predicted peak, in bytes
     * @param deviceCount               devices the workload is spread over, at least 1
     * @param samplesPerDevice          samples of the batch one device holds, at least 1
     * @param activationsFromDescriptor true when activations came from the model's descriptor, false for the
     *                                  FLOPs-based proxy
     * @param marginBytes               the error margin {@link #fits} adds to {@code totalBytes}, in bytes
     */
    public MemoryEstimate {
        Checks.atLeast("weightsBytes", weightsBytes, 0L);
        Checks.atLeast("gradientsBytes", gradientsBytes, 0L);
        Checks.atLeast("optimizerStateBytes", optimizerStateBytes, 0L);
        Checks.atLeast("activationsBytes", activationsBytes, 0L);
        Checks.atLeast("overheadBytes", overheadBytes, 0L);
        Checks.atLeast("deviceCount", deviceCount, 1);
        Checks.atLeast("samplesPerDevice", samplesPerDevice, 1);
        Checks.atLeast("marginBytes", marginBytes, 0L);
        long sum = weightsBytes + gradientsBytes + optimizerStateBytes + activationsBytes + overheadBytes;
        if (totalBytes != sum) {
            throw new IllegalArgumentException("totalBytes = " + totalBytes + ": must equal the sum of the parts ("
                    + sum + ")");
        }
    }

    /**
     * The predicted peak in MiB (2<sup>20</sup> bytes), as schema v1's {@code peak_mem_mib}.
     *
     * @return {@code totalBytes} in MiB
     */
    public double totalMib() {
        return totalBytes / (double) MIB;
    }

    /**
     * An estimate without an error margin (the version before margins).
     *
     * @param weightsBytes              parameters, in bytes
     * @param gradientsBytes            gradients, in bytes; 0 for inference
     * @param optimizerStateBytes       optimizer state, in bytes; 0 for inference
     * @param activationsBytes          activations kept alive at the peak, in bytes
     * @param overheadBytes             framework context plus allocator fragmentation, in bytes
     * @param totalBytes                the sum of the parts: the predicted peak, in bytes
     * @param deviceCount               devices the workload is spread over, at least 1
     * @param samplesPerDevice          samples of the batch one device holds, at least 1
     * @param activationsFromDescriptor true when activations came from the model's descriptor, false for the
     *                                  FLOPs-based proxy
     */
    public MemoryEstimate(long weightsBytes, long gradientsBytes, long optimizerStateBytes, long activationsBytes,
                          long overheadBytes, long totalBytes, int deviceCount, int samplesPerDevice,
                          boolean activationsFromDescriptor) {
        this(weightsBytes, gradientsBytes, optimizerStateBytes, activationsBytes, overheadBytes, totalBytes,
                deviceCount, samplesPerDevice, activationsFromDescriptor, 0L);
    }

    /**
     * Weights, gradients, optimizer state and activations: what the framework allocates for tensors.
     *
     * @return the total without the overhead, in bytes
     */
    public long tensorsBytes() {
        return weightsBytes + gradientsBytes + optimizerStateBytes + activationsBytes;
    }

    /**
     * True when the predicted peak plus its error margin fits the memory of one device of {@code hardware}: a
     * workload said to fit does, unless the estimate is off by more than its measured margin.
     *
     * @param hardware the hardware; its memory is that of one device
     * @return whether {@code totalBytes + marginBytes} is at most the device's memory
     */
    public boolean fits(HardwareSpec hardware) {
        return totalBytes <= hardware.memoryBytes() - marginBytes;
    }

    /**
     * Memory of one device minus the predicted peak and its margin; negative when it does not fit.
     *
     * @param hardware the hardware; its memory is that of one device
     * @return the headroom, in bytes
     */
    public long headroomBytes(HardwareSpec hardware) {
        return hardware.memoryBytes() - totalBytes - marginBytes;
    }
}
