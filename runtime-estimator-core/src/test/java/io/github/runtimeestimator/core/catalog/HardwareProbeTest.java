package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.internal.CpuInfo;
import io.github.runtimeestimator.core.catalog.internal.GpuInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareProbeTest {
    private static final HardwareCatalog BUILT_IN = HardwareCatalog.builtIn();

    /** Two logical processors of one core each (no SMT) of an AVX-512 + AMX Xeon, as a VM shows them. */
    private static final String XEON_AMX = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 207
            model name\t: Intel(R) Xeon(R) Gold 6530 @ 2.10GHz
            cpu MHz\t\t: 2100.000
            physical id\t: 0
            core id\t\t: 0
            flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq avx512bw avx512_bf16 amx_bf16 amx_tile amx_int8

            processor\t: 1
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Gold 6530 @ 2.10GHz
            cpu MHz\t\t: 2100.000
            physical id\t: 0
            core id\t\t: 1
            flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq avx512bw avx512_bf16 amx_bf16 amx_tile amx_int8
            """;

    /** An AVX-512 Xeon without AMX: 4 logical processors on 2 cores (SMT), no nominal clock in the name. */
    private static final String XEON_AVX512 = cpuinfo("GenuineIntel", "Intel(R) Xeon(R) Platinum 8259CL",
            new int[] {0, 1, 0, 1}, "2499.998", "fpu sse2 avx fma avx2 avx512f avx512cd avx512bw");

    /** An AVX2-only desktop CPU, 4 cores, SMT off. */
    private static final String AVX2_ONLY = cpuinfo("GenuineIntel", "Intel(R) Core(TM) i5-7500 CPU @ 3.40GHz",
            new int[] {0, 1, 2, 3}, "800.123", "fpu sse2 avx fma avx2");

    private static final String MEMINFO = """
            MemTotal:       32768000 kB
            MemFree:         1000000 kB
            """;

    private static String cpuinfo(String vendor, String model, int[] coreIds, String mhz, String flags) {
        return cpuinfo(vendor, null, model, coreIds, mhz, flags);
    }

    /** {@code familyModel} is {@code "26 2"} (cpu family, model) or null for a file without those lines. */
    private static String cpuinfo(String vendor, String familyModel, String model, int[] coreIds, String mhz,
                                  String flags) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < coreIds.length; i++) {
            b.append("processor\t: ").append(i).append('\n')
                    .append("vendor_id\t: ").append(vendor).append('\n');
            if (familyModel != null) {
                b.append("cpu family\t: ").append(familyModel.split(" ")[0]).append('\n')
                        .append("model\t\t: ").append(familyModel.split(" ")[1]).append('\n');
            }
            b.append("model name\t: ").append(model).append('\n')
                    .append("cpu MHz\t\t: ").append(mhz).append('\n')
                    .append("physical id\t: 0\n")
                    .append("core id\t\t: ").append(coreIds[i]).append('\n')
                    .append("flags\t\t: ").append(flags).append("\n\n");
        }
        return b.toString();
    }

    @Test
    void parsesAnAmxXeon() {
        CpuInfo cpu = CpuInfo.parse(XEON_AMX);
        assertThat(cpu.modelName()).isEqualTo("Intel(R) Xeon(R) Gold 6530 @ 2.10GHz");
        assertThat(cpu.vendor()).isEqualTo("intel");
        assertThat(cpu.logicalCores()).isEqualTo(2);
        assertThat(cpu.physicalCores()).isEqualTo(2);
        assertThat(cpu.clockMhz()).isEqualTo(2100.0);
        assertThat(cpu.widestVectorIsa()).isEqualTo("amx");
        assertThat(cpu.fp32FlopsPerCycle()).isEqualTo(64);
    }

    @Test
    void parsesAnAvx512XeonWithSmtCountingPhysicalCores() {
        CpuInfo cpu = CpuInfo.parse(XEON_AVX512);
        assertThat(cpu.logicalCores()).isEqualTo(4);
        assertThat(cpu.physicalCores()).isEqualTo(2);
        assertThat(cpu.clockMhz()).as("no @GHz in the name: highest cpu MHz").isEqualTo(2499.998);
        assertThat(cpu.widestVectorIsa()).isEqualTo("avx512");
        assertThat(cpu.fp32FlopsPerCycle()).isEqualTo(64);

        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, XEON_AVX512, MEMINFO, null);
        assertThat(spec.kind()).isEqualTo(HardwareKind.CPU);
        assertThat(spec.computeUnits()).isEqualTo(2);
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isEqualTo(2 * 2499.998e6 * 64);
        assertThat(spec.vectorIsa()).isEqualTo("avx512");
        assertThat(spec.memoryBytes()).isEqualTo(32768000L * 1024);
        assertThat(spec.memoryBandwidthBytesPerSecond())
                .isEqualTo(HardwareProbe.DEFAULT_CPU_BANDWIDTH_BYTES_PER_SECOND);
        assertThat(spec.id()).isEqualTo("local-cpu-intel-r-xeon-r-platinum-8259cl-2c");
        assertThat(spec.sources()).anyMatch(s -> s.contains("2 cores x 2500 MHz x 64 FLOP/cycle"));
    }

    @Test
    void parsesAnAvx2OnlyCpuUsingTheNominalClockOfItsName() {
        CpuInfo cpu = CpuInfo.parse(AVX2_ONLY);
        assertThat(cpu.widestVectorIsa()).isEqualTo("avx2");
        assertThat(cpu.fp32FlopsPerCycle()).isEqualTo(32);
        assertThat(cpu.clockMhz()).as("nominal, not the idle cpu MHz").isEqualTo(3400.0);

        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, AVX2_ONLY, MEMINFO, null);
        assertThat(spec.computeUnits()).isEqualTo(4);
        assertThat(spec.threadsUsed()).isEqualTo(4);
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isEqualTo(4 * 3400e6 * 32);
    }

    @Test
    void amdAvx512CountsAsThirtyTwoFlopsPerCycleAndPlainSseAsSixteen() {
        CpuInfo zen4 = CpuInfo.parse(cpuinfo("AuthenticAMD", "AMD EPYC 9654", new int[] {0}, "2400",
                "fpu sse2 avx2 avx512f avx512_bf16"));
        assertThat(zen4.widestVectorIsa()).isEqualTo("avx512");
        assertThat(zen4.fp32FlopsPerCycle()).isEqualTo(32);
        CpuInfo old = CpuInfo.parse(cpuinfo("GenuineIntel", "Old CPU", new int[] {0}, "2000", "fpu sse sse2"));
        assertThat(old.widestVectorIsa()).isEqualTo("sse");
        assertThat(old.fp32FlopsPerCycle()).isEqualTo(16);
    }

    @Test
    void matchesKnownCpusToTheirCatalogueEntries() {
        String epyc = cpuinfo("AuthenticAMD", "AMD EPYC", new int[] {0, 1}, "2596.130", "fpu avx2 avx512f");
        assertThat(HardwareProbe.describe(BUILT_IN, epyc, MEMINFO, null).id()).isEqualTo("amd-epyc-zen4-2c");
        int[] sixteen = new int[16];
        for (int i = 0; i < 16; i++) {
            sixteen[i] = i;
        }
        String xeon = cpuinfo("GenuineIntel", "Intel(R) Xeon(R) Processor", sixteen, "2100.000",
                "avx2 avx512f amx_tile");
        assertThat(HardwareProbe.describe(BUILT_IN, xeon, MEMINFO, null).id()).isEqualTo("intel-xeon-emr-16c");
    }

    @Test
    void aKnownGpuFromNvidiaSmiWinsWithItsDeviceCount() {
        String smi = """
                NVIDIA H100 80GB HBM3, 81559 MiB, 8
                NVIDIA H100 80GB HBM3, 81559 MiB, 8
                """;
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, XEON_AMX, MEMINFO, smi);
        assertThat(spec.id()).isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(spec.kind()).isEqualTo(HardwareKind.GPU);
        assertThat(spec.deviceCount()).isEqualTo(8);
    }

    @Test
    void anUnknownGpuFallsBackToTheCpu() {
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, AVX2_ONLY, MEMINFO,
                "NVIDIA RTX PRO 6000 Blackwell Server Edition, 97887 MiB, 1\n");
        assertThat(spec.kind()).isEqualTo(HardwareKind.CPU);
    }

    @Test
    void parsesNvidiaSmiCsv() {
        List<GpuInfo> gpus = GpuInfo.parseNvidiaSmiCsv("Tesla T4, 15360 MiB, 2\n\nNVIDIA L4, [N/A], x\n");
        assertThat(gpus).containsExactly(new GpuInfo("Tesla T4", 15360L << 20, 2), new GpuInfo("NVIDIA L4", 0, 1));
    }

    @Test
    void parsesMemTotal() {
        assertThat(HardwareProbe.parseMemTotalBytes(MEMINFO)).isEqualTo(32768000L * 1024);
        assertThat(HardwareProbe.parseMemTotalBytes("MemFree: 12 kB\n")).isZero();
    }

    @Test
    void emptyCpuinfoStillGivesAValidSpec() {
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, "", null, null);
        assertThat(spec.kind()).isEqualTo(HardwareKind.CPU);
        assertThat(spec.computeUnits()).isEqualTo(1);
        assertThat(spec.clockMhz()).isEqualTo(HardwareProbe.DEFAULT_CPU_CLOCK_MHZ);
        assertThat(spec.sources()).anyMatch(s -> s.startsWith("clock unknown"));
    }

    @Test
    void detectsThisMachine() {
        HardwareSpec local = HardwareProbe.detectLocal();
        if (!HardwareProbe.nvidiaSmiOnPath()) {
            // the build machines: no NVIDIA driver, so the probe must describe the host CPU
            assertThat(local.kind()).isEqualTo(HardwareKind.CPU);
            assertThat(local.computeUnits()).isPositive();
            assertThat(local.threadsUsed()).isPositive();
        } else {
            // with a driver, a known GPU is returned; an unknown one falls back to the CPU
            assertThat(local.deviceCount()).isPositive();
        }
        assertThat(local.peakFlopsPerSecond(Precision.FP32)).isPositive();
        assertThat(local.sources()).isNotEmpty();
    }

    private static final String ZEN5_FLAGS = "fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni avx512_vp2intersect";

    @Test
    void parsesTheCpuIdentity() {
        assertThat(CpuInfo.parse(XEON_AMX).cpuId()).isEqualTo("GenuineIntel:6:207");
        assertThat(CpuInfo.parse(XEON_AVX512).cpuId()).as("no family/model lines").isEmpty();
        CpuInfo arm = CpuInfo.parse("""
                processor\t: 0
                BogoMIPS\t: 2100.00
                Features\t: fp asimd sve
                CPU implementer\t: 0x41
                CPU part\t: 0xd40
                """);
        assertThat(arm.cpuId()).isEqualTo("ARM:0x41:0xd40");
        assertThat(arm.x86Family()).isZero();
    }

    @Test
    void aZen5BehindTheMaskedNameIsNotTheZen4EntryButTheTurinFiguresComposed() {
        // this project's development machine: 2 vCPUs of a Zen 5 EPYC, masked as "AMD EPYC" (family 26 model 2)
        String zen5 = cpuinfo("AuthenticAMD", "26 2", "AMD EPYC", new int[] {0, 1}, "2096.012", ZEN5_FLAGS);
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, zen5, MEMINFO, null);
        assertThat(spec.id()).isNotEqualTo("amd-epyc-zen4-2c").isEqualTo("local-cpu-amd-epyc-2c");
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isCloseTo(2 * 2096.012e6 * 64, within(1.0));
        assertThat(spec.peakFlopsPerSecond(Precision.BF16)).isCloseTo(2 * 2096.012e6 * 128, within(1.0));
        assertThat(spec.architecture()).isEqualTo("Zen 5");
        assertThat(spec.l2CacheBytes()).isEqualTo(2L << 20);
        assertThat(spec.memoryBytes()).as("from /proc/meminfo").isEqualTo(32768000L * 1024);
        assertThat(spec.cpuIds()).containsExactly("AuthenticAMD:26:2");
        assertThat(spec.sources().get(0)).contains("CPU id AuthenticAMD:26:2 is catalogue entry amd-epyc-turin-9755-128c's")
                .contains("2 cores at 2096 MHz");
    }

    @Test
    void aZen4BehindTheMaskedNameIsTheDatasetEntry() {
        String zen4 = cpuinfo("AuthenticAMD", "25 17", "AMD EPYC", new int[] {0, 1}, "2596.130", "avx2 avx512f");
        assertThat(HardwareProbe.describe(BUILT_IN, zen4, MEMINFO, null).id()).isEqualTo("amd-epyc-zen4-2c");
    }

    @Test
    void anotherGenerationGetsAComputedEntryThatSaysWhy() {
        String zen2 = cpuinfo("AuthenticAMD", "23 49", "AMD EPYC", new int[] {0, 1}, "2250.000", "fpu avx2 fma");
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, zen2, MEMINFO, null);
        assertThat(spec.id()).isEqualTo("local-cpu-amd-epyc-2c");
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isEqualTo(2 * 2250e6 * 32);
        assertThat(spec.sources().get(0)).contains("no catalogue entry describes CPU id AuthenticAMD:23:49")
                .contains("amd-epyc-zen4-2c has the name \"AMD EPYC\" but describes [AuthenticAMD:25:17]")
                .contains("another generation, not used");
    }

    @Test
    void theSameMicroArchitectureWithOtherCoresComposesFromTheNamedEntry() {
        int[] eight = {0, 1, 2, 3, 4, 5, 6, 7};
        String xeon8 = cpuinfo("GenuineIntel", "6 207", "Intel(R) Xeon(R) Processor", eight, "2100.000",
                "avx2 avx512f amx_tile");
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, xeon8, MEMINFO, null);
        assertThat(spec.computeUnits()).isEqualTo(8);
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isCloseTo(8 * 2.1e9 * 64, within(1.0));
        assertThat(spec.sources().get(0)).contains("intel-xeon-emr-16c");
        int[] sixteen = new int[16];
        for (int i = 0; i < 16; i++) {
            sixteen[i] = i;
        }
        String xeon16 = cpuinfo("GenuineIntel", "6 207", "Intel(R) Xeon(R) Processor", sixteen, "2100.000",
                "avx2 avx512f amx_tile");
        assertThat(HardwareProbe.describe(BUILT_IN, xeon16, MEMINFO, null).id()).isEqualTo("intel-xeon-emr-16c");
    }

    @Test
    void aGravitonIsFoundByItsArmPartNumber() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append("processor\t: ").append(i).append("\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd sve\n")
                    .append("CPU implementer\t: 0x41\nCPU part\t: 0xd40\n\n");
        }
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, b.toString(), MEMINFO, null);
        assertThat(spec.computeUnits()).isEqualTo(4);
        assertThat(spec.clockMhz()).as("no clock in an Arm cpuinfo: the entry's").isEqualTo(2600.0);
        assertThat(spec.peakFlopsPerSecond(Precision.FP32)).isCloseTo(4 * 2.6e9 * 32, within(1.0));
        assertThat(spec.sources().get(0)).contains("aws-graviton3-64c");
    }

    @Test
    void parsesRocmSmiProductNamesInBothForms() {
        String plain = """
                ============================ ROCm System Management Interface ============================
                ====================================== Product Info ======================================
                GPU[0]\t\t: Card series: \t\tAMD Instinct MI210
                GPU[0]\t\t: Card model: \t\t0x0c34
                GPU[0]\t\t: Card vendor: \t\tAdvanced Micro Devices, Inc. [AMD/ATI]
                GPU[1]\t\t: Card series: \t\tAMD Instinct MI210
                GPU[1]\t\t: Card model: \t\t0x0c34
                ==========================================================================================
                """;
        assertThat(GpuInfo.parseRocmSmiProductName(plain)).containsExactly(new GpuInfo("AMD Instinct MI210", 0, 2));
        String csv = """
                device,Card series,Card model,Card vendor,Card SKU
                card0,Arcturus GL-XL [AMD Instinct MI100],0x0c34,Advanced Micro Devices Inc. [AMD/ATI],D34316
                card1,Arcturus GL-XL [AMD Instinct MI100],0x0c34,Advanced Micro Devices Inc. [AMD/ATI],D34316
                """;
        assertThat(GpuInfo.parseRocmSmiProductName(csv))
                .containsExactly(new GpuInfo("Arcturus GL-XL [AMD Instinct MI100]", 0, 2));
        String oldRocm = "GPU[0]\t\t: Card series: \t\t0x738c\nGPU[0]\t\t: Card model: \t\t0xc34\n";
        assertThat(GpuInfo.parseRocmSmiProductName(oldRocm)).containsExactly(new GpuInfo("0x738c", 0, 1));
    }

    @Test
    void aKnownAmdGpuFromRocmSmiWinsWithItsDeviceCount() {
        String csv = """
                device,Card series,Card model,Card vendor,Card SKU
                card0,Arcturus GL-XL [AMD Instinct MI100],0x0c34,Advanced Micro Devices Inc. [AMD/ATI],D34316
                card1,Arcturus GL-XL [AMD Instinct MI100],0x0c34,Advanced Micro Devices Inc. [AMD/ATI],D34316
                """;
        HardwareSpec spec = HardwareProbe.describe(BUILT_IN, XEON_AMX, MEMINFO, null, csv);
        assertThat(spec.id()).isEqualTo("amd-mi100-32gb");
        assertThat(spec.deviceCount()).isEqualTo(2);
    }
}
