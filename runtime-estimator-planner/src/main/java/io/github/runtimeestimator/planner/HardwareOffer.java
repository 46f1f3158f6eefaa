package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Locale;
import java.util.Optional;

/**
 * Hardware a user can rent or owns: a catalogue device times a count, at a price, billed by a rule.
 *
 * <p>Price is per device-hour (the per-GPU hourly rate); the offer's hourly price is that times
 * {@code deviceCount}. For hardware you own, use its amortised or internal rate, or 0.
 *
 * @param id                             the offer's name, unique within a file ({@code aws-p5.48xlarge})
 * @param hardware                       the catalogue entry, with {@code deviceCount} set to this offer's count
 * @param pricePerDeviceHour             price of one device for one hour, >= 0
 * @param currency                       ISO-4217 code, upper case ({@code USD})
 * @param provider                       who sells it ({@code AWS}, {@code Lambda}, {@code on-premises})
 * @param region                         optional region, "" when not given
 * @param notes                          optional notes, "" when not given
 * @param priceSource                    where the price was read (URL or document), "" when not given
 * @param priceAsOf                      the date the price was read (ISO date), "" when not given
 * @param billing                        how wall time becomes billed time; {@link Billing#PER_SECOND} when not given
 * @param spot                           the interruption terms of a spot/preemptible offer, or null (on demand)
 * @param devicesPerNode                 devices in one node (machine); {@code deviceCount} when not given (0): one node
 * @param deviceLink                     how the devices of a node talk ({@link DeviceLink#AUTO} when not given)
 * @param networkBandwidthBytesPerSecond one node's network bandwidth to the others, one direction, bytes/s (EFA
 *                                       3200 Gbit/s = 400e9); required (> 0) when the offer spans several nodes,
 *                                       0 otherwise
 */
public record HardwareOffer(
        String id,
        HardwareSpec hardware,
        double pricePerDeviceHour,
        String currency,
        String provider,
        String region,
        String notes,
        String priceSource,
        String priceAsOf,
        Billing billing,
        SpotMarket spot,
        int devicesPerNode,
        DeviceLink deviceLink,
        double networkBandwidthBytesPerSecond) {

    public HardwareOffer {
        Checks.requiredText("offer.id", id);
        Checks.required("offer.hardware", hardware);
        Checks.nonNegative("offer.pricePerDeviceHour", pricePerDeviceHour);
        Checks.requiredText("offer.currency", currency);
        currency = currency.trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new SpecValidationException("offer.currency", currency, "must be a three-letter ISO-4217 code such as USD");
        }
        Checks.requiredText("offer.provider", provider);
        region = region == null ? "" : region;
        notes = notes == null ? "" : notes;
        priceSource = priceSource == null ? "" : priceSource;
        priceAsOf = priceAsOf == null ? "" : priceAsOf;
        billing = billing == null ? Billing.PER_SECOND : billing;
        deviceLink = deviceLink == null ? DeviceLink.AUTO : deviceLink;
        int devices = hardware.deviceCount();
        devicesPerNode = devicesPerNode == 0 ? devices : devicesPerNode;
        if (devicesPerNode < 1 || devicesPerNode > devices || devices % devicesPerNode != 0) {
            throw new SpecValidationException("offer.devicesPerNode", devicesPerNode,
                    "must divide deviceCount (" + devices + ") into whole nodes");
        }
        Checks.nonNegative("offer.networkBandwidthBytesPerSecond", networkBandwidthBytesPerSecond);
        if (devicesPerNode < devices && !(networkBandwidthBytesPerSecond > 0)) {
            throw new SpecValidationException("offer.networkBandwidthBytesPerSecond", networkBandwidthBytesPerSecond,
                    "must be > 0 for an offer of " + devices / devicesPerNode + " nodes: the gradient all-reduce"
                            + " crosses the network");
        }
    }

    /** An on-demand offer on one node, billed per second, its link read from the catalogue. */
    public HardwareOffer(String id, HardwareSpec hardware, double pricePerDeviceHour, String currency, String provider,
                         String region, String notes, String priceSource, String priceAsOf) {
        this(id, hardware, pricePerDeviceHour, currency, provider, region, notes, priceSource, priceAsOf, null, null,
                0, null, 0);
    }

    /** Devices in this offer. */
    public int deviceCount() {
        return hardware.deviceCount();
    }

    /** Nodes (machines) in this offer. */
    public int nodes() {
        return deviceCount() / devicesPerNode;
    }

    /** Whether the provider may interrupt it. */
    public boolean isSpot() {
        return spot != null;
    }

    public Optional<SpotMarket> spotIfAny() {
        return Optional.ofNullable(spot);
    }

    /** What one hour of the whole offer costs: price per device-hour times devices. */
    public double pricePerHour() {
        return pricePerDeviceHour * deviceCount();
    }

    /**
     * {@code seconds} of the whole offer at its hourly price, before billing rounds them: the cost of a part of a
     * run (an epoch of a job), which is not billed on its own.
     */
    public double costAtHourlyRate(double seconds) {
        return seconds / 3600.0 * pricePerHour();
    }

    /** What a run of {@code seconds} of the whole offer costs as billed: {@link Billing#billedSeconds} at the hourly price. */
    public double costOf(double seconds) {
        return billing.billedSeconds(seconds) / 3600.0 * pricePerHour();
    }

    /** {@code 8 x nvidia-h100-sxm-80gb}, {@code 16 x nvidia-h100-sxm-80gb (2 nodes)}. */
    public String describeHardware() {
        return deviceCount() + " x " + hardware.id() + (nodes() > 1 ? " (" + nodes() + " nodes)" : "");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).hardware(hardware).pricePerDeviceHour(pricePerDeviceHour).currency(currency)
                .provider(provider).region(region).notes(notes).priceSource(priceSource).priceAsOf(priceAsOf)
                .billing(billing).spot(spot).devicesPerNode(devicesPerNode).deviceLink(deviceLink)
                .networkBandwidthBytesPerSecond(networkBandwidthBytesPerSecond);
    }

    /** Builds a {@link HardwareOffer}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String id;
        private HardwareSpec hardware;
        private double pricePerDeviceHour;
        private String currency;
        private String provider;
        private String region;
        private String notes;
        private String priceSource;
        private String priceAsOf;
        private Billing billing;
        private SpotMarket spot;
        private int devicesPerNode;
        private DeviceLink deviceLink;
        private double networkBandwidthBytesPerSecond;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        public Builder pricePerDeviceHour(double price) {
            this.pricePerDeviceHour = price;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder priceSource(String priceSource) {
            this.priceSource = priceSource;
            return this;
        }

        public Builder priceAsOf(String priceAsOf) {
            this.priceAsOf = priceAsOf;
            return this;
        }

        public Builder billing(Billing billing) {
            this.billing = billing;
            return this;
        }

        public Builder spot(SpotMarket spot) {
            this.spot = spot;
            return this;
        }

        public Builder devicesPerNode(int devicesPerNode) {
            this.devicesPerNode = devicesPerNode;
            return this;
        }

        public Builder deviceLink(DeviceLink deviceLink) {
            this.deviceLink = deviceLink;
            return this;
        }

        public Builder networkBandwidthBytesPerSecond(double bytesPerSecond) {
            this.networkBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        public HardwareOffer build() {
            return new HardwareOffer(id, hardware, pricePerDeviceHour, currency, provider, region, notes, priceSource,
                    priceAsOf, billing, spot, devicesPerNode, deviceLink, networkBandwidthBytesPerSecond);
        }
    }
}
