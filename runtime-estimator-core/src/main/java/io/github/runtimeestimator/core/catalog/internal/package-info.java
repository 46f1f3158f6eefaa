/**
 * Internal: not API, may change in any release. Host probing ({@code CpuInfo}, {@code GpuInfo}) behind
 * {@code HardwareProbe}, and the Markdown tables of the hardware catalogue ({@code HardwareTable}).
 */
package io.github.runtimeestimator.core.catalog.internal;
