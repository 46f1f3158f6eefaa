/**
 * The catalogues a spec may name things from: {@link io.github.runtimeestimator.core.catalog.HardwareCatalog}
 * (datasheet figures and driver names of devices, with their sources; a user's file merges over the built-in one),
 * {@link io.github.runtimeestimator.core.catalog.ModelCatalog} (models by name, with descriptors and operator
 * graphs) and {@link io.github.runtimeestimator.core.catalog.HardwareProbe} (this machine, as the catalogue knows
 * it). An unknown name fails with the closest known ones
 * ({@link io.github.runtimeestimator.core.catalog.UnknownHardwareException},
 * {@link io.github.runtimeestimator.core.catalog.UnknownModelException}).
 */
package io.github.runtimeestimator.core.catalog;
