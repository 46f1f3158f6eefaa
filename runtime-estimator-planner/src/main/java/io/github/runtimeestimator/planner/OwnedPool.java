package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Devices you own: {@code count} devices of one kind in machines of {@code devicesPerNode}, at an internal rate
 * (0 when you count them free). A job takes a whole number of them on one machine while it runs.
 *
 * @param id                 the pool's name ({@code lab-a100})
 * @param hardware           one device of the pool (its catalogue entry)
 * @param count              devices in the pool, at least 1
 * @param devicesPerNode     devices in one machine, 1..count; a job uses devices of one machine
 * @param pricePerDeviceHour internal rate, >= 0
 * @param currency           ISO-4217 code
 * @param deviceLink         how a machine's devices talk ({@link DeviceLink#AUTO}: from the catalogue)
 */
public record OwnedPool(String id, HardwareSpec hardware, int count, int devicesPerNode, double pricePerDeviceHour,
                        String currency, DeviceLink deviceLink) {

    /**
     * Validates the pool; fails with a SpecValidationException naming the field. {@code hardware} is taken as one
     * device, a {@code devicesPerNode} of 0 means {@code count}, and a null {@code deviceLink} means
     * {@link DeviceLink#AUTO}.
     *
     * @param id                 the pool's name, not blank
     * @param hardware           one device of the pool, not null
     * @param count              devices in the pool, at least 1
     * @param devicesPerNode     devices in one machine, 1..count, or 0 for {@code count}
     * @param pricePerDeviceHour internal rate, &gt;= 0
     * @param currency           ISO-4217 code, not blank
     * @param deviceLink         how a machine's devices talk; null for {@link DeviceLink#AUTO}
     */
    public OwnedPool {
        Checks.requiredText("pool.id", id);
        Checks.required("pool.hardware", hardware);
        hardware = hardware.withDeviceCount(1);
        Checks.atLeast("pool.count", count, 1);
        devicesPerNode = devicesPerNode == 0 ? count : devicesPerNode;
        if (devicesPerNode < 1 || devicesPerNode > count) {
            throw new SpecValidationException("pool.devicesPerNode", devicesPerNode, "must be within 1.." + count);
        }
        Checks.nonNegative("pool.pricePerDeviceHour", pricePerDeviceHour);
        Checks.requiredText("pool.currency", currency);
        deviceLink = deviceLink == null ? DeviceLink.AUTO : deviceLink;
    }

    /**
     * The ways a job can use this pool, as offers: 1, 2, 4, ... devices and a whole machine, on one machine, billed
     * per second at the internal rate. Ids are {@code <pool id>/<devices>}.
     *
     * @return one offer per device count, fewest devices first
     */
    public List<HardwareOffer> options() {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int k = 1; k <= devicesPerNode; k *= 2) {
            counts.add(k);
        }
        counts.add(devicesPerNode);
        List<HardwareOffer> offers = new ArrayList<>();
        for (int k : counts) {
            offers.add(HardwareOffer.builder().id(id + "/" + k).hardware(hardware.withDeviceCount(k))
                    .pricePerDeviceHour(pricePerDeviceHour).currency(currency).provider("owned").deviceLink(deviceLink)
                    .notes("owned pool " + id).build());
        }
        return offers;
    }
}
