package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The gradient all-reduce of data-parallel training, from physics: a ring all-reduce of {@code bytes} over
 * {@code n} devices sends and receives {@code 2 (n - 1) / n x bytes} per device (reduce-scatter, then all-gather),
 * so it takes {@code 2 (n - 1) / n x bytes / bandwidth}, where the bandwidth is one direction of the slowest link
 * on the ring (Patarasuk and Yuan, "Bandwidth optimal all-reduce algorithms for clusters of workstations", JPDC
 * 69(2), 2009; NCCL's "bus bandwidth").
 *
 * <h2>Which link</h2>
 * <ul>
 *   <li>Within a node: the device's NVLink / Infinity Fabric when the offer's {@link DeviceLink} says so (or, by
 *       default, when the catalogue's {@code interconnect} is a fabric of links rather than a two-card bridge),
 *       at half the catalogue's {@code interconnectBandwidthBytesPerSecond} (the catalogue sums both directions);
 *       a bridge joins two devices only, so more than two ring over PCIe. Otherwise PCIe: the per-direction rate of
 *       the device's generation and lanes (gen 3: 8 GT/s, gen 4: 16, gen 5: 32 per lane, 128b/130b encoded: gen 4
 *       x16 = 31.5e9 bytes/s).</li>
 *   <li>Across nodes: the offer's {@code networkBandwidthBytesPerSecond} per node and direction, the slower of it
 *       and the node's link bounding the ring (NCCL runs one ring per NIC, so a node's rings together use its whole
 *       network bandwidth).</li>
 * </ul>
 * The bandwidths are peak figures: real collectives reach somewhat less, so the all-reduce time is a lower bound
 * on what the network adds. Latency (microseconds per hop) is left out: gradients are megabytes to gigabytes.
 */
public final class RingAllReduce {

    private RingAllReduce() {
    }

    /**
     * The link a ring over the offer's devices runs at.
     *
     * @param description         what was used: {@code NVLink 4 (18 links), 450 GB/s per direction}
     * @param bytesPerSecond      one direction, of the slowest link on the ring
     */
    public record Link(String description, double bytesPerSecond) {
    }

    /**
     * The time of a ring all-reduce: {@code 2 (n - 1) / n x bytes / bytesPerSecond}; 0 for one device.
     *
     * @param bytes          the bytes all-reduced (the gradients of one step)
     * @param devices        devices on the ring
     * @param bytesPerSecond one direction of the slowest link on the ring, in bytes per second
     * @return the all-reduce time, in seconds
     */
    public static double seconds(double bytes, int devices, double bytesPerSecond) {
        if (devices <= 1) {
            return 0;
        }
        return 2.0 * (devices - 1) / devices * bytes / bytesPerSecond;
    }

    /**
     * The link a ring over all devices of {@code offer} runs at, or empty with no figure to compute it from (then
     * {@link #missingLinkReason} says why).
     *
     * @param offer the offer
     * @return the slowest link on the ring: the node's link, or the network when it is slower across several nodes
     */
    public static Optional<Link> linkOf(HardwareOffer offer) {
        Optional<Link> node = nodeLink(offer);
        if (offer.nodes() == 1 || node.isEmpty()) {
            return node;
        }
        double net = offer.networkBandwidthBytesPerSecond();
        if (net < node.get().bytesPerSecond()) {
            return Optional.of(new Link(String.format(Locale.ROOT, "network %s per node and direction across %d nodes"
                    + " (within a node: %s)", rate(net), offer.nodes(), node.get().description()), net));
        }
        return node;
    }

    /**
     * Why {@link #linkOf} is empty.
     *
     * @param offer the offer {@link #linkOf} found no link for
     * @return the reason, with what to set in the offer
     */
    public static String missingLinkReason(HardwareOffer offer) {
        HardwareSpec hw = offer.hardware();
        if (hw.kind() == HardwareKind.CPU) {
            return "no link between CPU devices in one node is known: give each CPU its own node"
                    + " (devicesPerNode 1) and the offer's networkBandwidthBytesPerSecond";
        }
        return "the catalogue has no PCIe generation and lanes for " + hw.id() + " (needed to ring over PCIe);"
                + " use deviceLink nvlink if its devices share an NVLink fabric";
    }

    /**
     * The NVLink / Infinity Fabric link of the offer's node when its devices ring over it, else empty.
     *
     * @param offer the offer
     * @return the device link, or empty for CPUs, one device per node, or a ring over PCIe
     */
    public static Optional<Link> nvlinkOf(HardwareOffer offer) {
        HardwareSpec hw = offer.hardware();
        if (hw.kind() == HardwareKind.CPU || offer.devicesPerNode() == 1 || !usesDeviceLink(offer)) {
            return Optional.empty();
        }
        return nodeLink(offer);
    }

    private static boolean usesDeviceLink(HardwareOffer offer) {
        HardwareSpec hw = offer.hardware();
        boolean hasLink = hw.interconnectBandwidthBytesPerSecond() > 0 && !hw.interconnect().contains("C2C");
        boolean bridge = hw.interconnect().toLowerCase(Locale.ROOT).contains("bridge");
        return switch (offer.deviceLink()) {
            case NVLINK -> hasLink && (!bridge || offer.devicesPerNode() == 2);
            case PCIE -> false;
            case AUTO -> hasLink && !bridge;
        };
    }

    private static Optional<Link> nodeLink(HardwareOffer offer) {
        HardwareSpec hw = offer.hardware();
        int perNode = offer.devicesPerNode();
        if (hw.kind() == HardwareKind.CPU) {
            return perNode == 1 ? Optional.of(new Link("one CPU per node", Double.POSITIVE_INFINITY)) : Optional.empty();
        }
        if (perNode == 1) {
            return Optional.of(new Link("one device per node", Double.POSITIVE_INFINITY));
        }
        boolean hasLink = hw.interconnectBandwidthBytesPerSecond() > 0 && !hw.interconnect().contains("C2C");
        boolean bridge = hw.interconnect().toLowerCase(Locale.ROOT).contains("bridge");
        if (usesDeviceLink(offer)) {
            double bw = hw.interconnectBandwidthBytesPerSecond() / 2;
            return Optional.of(new Link(hw.interconnect() + ", " + rate(bw) + " per direction", bw));
        }
        double pcie = pcieBytesPerSecond(hw.pcieGeneration(), hw.pcieLanes());
        if (!(pcie > 0)) {
            return Optional.empty();
        }
        String why = offer.deviceLink() == DeviceLink.PCIE ? "" : hasLink && bridge
                ? (perNode > 2 ? " (a bridge joins two devices only)" : " (bridges not assumed: set deviceLink nvlink)")
                : "";
        return Optional.of(new Link(String.format(Locale.ROOT, "PCIe %d.0 x%d, %s per direction%s",
                hw.pcieGeneration(), hw.pcieLanes(), rate(pcie), why), pcie));
    }

    /**
     * One direction of a PCIe link, bytes/s: lanes x transfer rate x encoding / 8 (gen 1 and 2: 2.5 and 5 GT/s,
     * 8b/10b; gen 3, 4, 5: 8, 16, 32 GT/s, 128b/130b); 0 when the generation or lanes are not known.
     *
     * @param generation the PCIe generation, 1 to 5; any other is unknown
     * @param lanes      the lanes of the link
     * @return the bandwidth of one direction, in bytes per second
     */
    public static double pcieBytesPerSecond(int generation, int lanes) {
        double gtPerSecond;
        double encoding;
        switch (generation) {
            case 1 -> {
                gtPerSecond = 2.5e9;
                encoding = 8.0 / 10;
            }
            case 2 -> {
                gtPerSecond = 5e9;
                encoding = 8.0 / 10;
            }
            case 3, 4, 5 -> {
                gtPerSecond = 8e9 * (1 << (generation - 3));
                encoding = 128.0 / 130;
            }
            default -> {
                return 0;
            }
        }
        return lanes * gtPerSecond * encoding / 8;
    }

    /** {@code 450 GB/s}, {@code 31.5 GB/s}. */
    static String rate(double bytesPerSecond) {
        return String.format(Locale.ROOT, bytesPerSecond >= 100e9 ? "%.0f GB/s" : "%.1f GB/s", bytesPerSecond / 1e9);
    }
}
