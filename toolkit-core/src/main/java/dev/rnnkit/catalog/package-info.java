/**
 * Where data files live and how the example data sets get there.
 *
 * <p>{@link dev.rnnkit.catalog.DataDirectory} resolves the relative paths of configs against the data
 * directory ({@code --data-dir}, else {@code RNNKIT_DATA_DIR}, else {@code ./data}).
 * {@link dev.rnnkit.catalog.DatasetCatalog} lists the data sets the examples use, read from the bundled
 * {@code datasets.json}: each file with its size, SHA-256 and download sources.
 * {@link dev.rnnkit.catalog.DatasetFetcher} puts a data set's files into
 * {@code <data-dir>/<name>/<file>}: it skips files already there, copies from a local mirror
 * ({@code --mirror} / {@code RNNKIT_DATA_MIRROR}) before trying the network, verifies every checksum and
 * writes atomically, so a target path holds either a verified file or nothing.
 */
package dev.rnnkit.catalog;
