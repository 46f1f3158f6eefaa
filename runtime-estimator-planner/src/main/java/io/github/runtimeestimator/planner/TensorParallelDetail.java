package io.github.runtimeestimator.planner;

/**
 * How a model too large for one device was estimated split over an offer's devices (tensor parallel, Megatron
 * style: each layer's matrices sharded over the devices, its activations all-reduced twice a layer in the forward
 * pass and twice more in the backward).
 *
 * @param devices                    devices in the tensor-parallel group (2, 4 or 8, on one NVLink node)
 * @param layers                     transformer layers (forward attention operators of the model's graph)
 * @param hidden                     the layer width (heads x head width)
 * @param tokensPerStep              tokens processed at once: batch x sequence positions
 * @param bytesPerAllReduce          one activation all-reduce: tokens x hidden x element size
 * @param allReducesPerStep          2 a layer forward, 4 when training
 * @param link                       the NVLink the ring runs at
 * @param communicationSecondsPerStep all the step's activation all-reduces ({@link RingAllReduce#seconds}), on the
 *                                   critical path (not overlapped)
 * @param shard                      the measured shard efficiency used
 */
public record TensorParallelDetail(int devices, long layers, long hidden, double tokensPerStep, double bytesPerAllReduce,
                                   int allReducesPerStep, RingAllReduce.Link link, double communicationSecondsPerStep,
                                   TensorParallelEfficiency.Shard shard) {
}
