package dev.rnnkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.catalog.DataDirectory.DataFileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    private final DatasetCatalog catalog = new DatasetCatalog(List.of(new Dataset("sst2", "d", "l", List.of(),
            List.of(new DatasetFile("train.tsv", 4, "0".repeat(64), List.of(new FileSource("https://example.org/t", null))),
                    new DatasetFile("dev.tsv", 4, "1".repeat(64), List.of(new FileSource("https://example.org/d", null)))))));

    @Test
    void optionBeatsEnvironmentBeatsDefault() {
        Path option = tmp.resolve("opt");
        Map<String, String> env = Map.of("RNNKIT_DATA_DIR", tmp.resolve("env").toString());

        assertEquals(option, DataDirectory.locate(option, null, env, catalog).root());
        assertEquals(DataDirectory.Origin.OPTION, DataDirectory.locate(option, null, env, catalog).origin());
        assertEquals(tmp.resolve("env"), DataDirectory.locate(null, null, env, catalog).root());
        assertEquals(DataDirectory.Origin.ENVIRONMENT, DataDirectory.locate(null, null, env, catalog).origin());
        assertEquals(Path.of("data").toAbsolutePath(), DataDirectory.locate(null, null, Map.of(), catalog).root());
        assertEquals(Path.of("data").toAbsolutePath(),
                DataDirectory.locate(null, null, Map.of("RNNKIT_DATA_DIR", "  "), catalog).root(), "blank means unset");
    }

    @Test
    void mirrorComesFromOptionOrEnvironment() {
        Map<String, String> env = Map.of("RNNKIT_DATA_MIRROR", tmp.resolve("m-env").toString());
        DataDirectory fromOption = DataDirectory.locate(null, tmp.resolve("m-opt"), env, catalog);
        assertEquals(Optional.of(tmp.resolve("m-opt")), fromOption.mirror());
        assertEquals(tmp.resolve("m-opt") + " (set by option --mirror)", fromOption.describeMirror());
        DataDirectory fromEnv = DataDirectory.locate(null, null, env, catalog);
        assertEquals(tmp.resolve("m-env") + " (from environment RNNKIT_DATA_MIRROR)", fromEnv.describeMirror());
        assertEquals(Optional.empty(), DataDirectory.locate(null, null, Map.of(), catalog).mirror());
        assertEquals("none", DataDirectory.locate(null, null, Map.of(), catalog).describeMirror());
    }

    @Test
    void fetchMissingGetsOwningDatasetsFromTheMirrorOnce() throws Exception {
        byte[] train = "good\t1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] dev = "bad\t0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DatasetCatalog real = new DatasetCatalog(List.of(new Dataset("sst2", "d", "l", List.of(), List.of(
                new DatasetFile("train.tsv", train.length, sha256(train), List.of(new FileSource("https://127.0.0.1:9/none", null))),
                new DatasetFile("dev.tsv", dev.length, sha256(dev), List.of(new FileSource("https://127.0.0.1:9/none", null)))))));
        Path mirror = Files.createDirectories(tmp.resolve("mirror/sst2"));
        Files.write(mirror.resolve("train.tsv"), train);
        Files.write(mirror.resolve("dev.tsv"), dev);
        Files.createDirectories(tmp.resolve("own"));
        Files.writeString(tmp.resolve("own/mine.tsv"), "x");
        DataDirectory data = DataDirectory.locate(tmp.resolve("data"), tmp.resolve("mirror"), Map.of(), real);

        List<FetchReport> reports = data.fetchMissing(java.util.Arrays.asList("sst2/train.tsv", "sst2/dev.tsv", null, "elsewhere/x.tsv"),
                new DatasetFetcher(), FetchListener.SILENT);
        assertEquals(1, reports.size(), "one fetch for the data set both paths belong to");
        assertEquals(true, reports.get(0).complete());
        assertEquals("good\t1\n", Files.readString(data.resolve("sst2/train.tsv")));
        assertEquals(List.of(), data.fetchMissing(List.of("sst2/train.tsv"), new DatasetFetcher(), FetchListener.SILENT),
                "nothing to do once present");
    }

    @Test
    void aMistypedFileOfACatalogueDataSetIsNamedBeforeAnyDownload() throws Exception {
        byte[] train = "good\t1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DatasetCatalog real = new DatasetCatalog(List.of(new Dataset("sst2", "d", "l", List.of(), List.of(
                new DatasetFile("train.tsv", train.length, sha256(train), List.of(new FileSource("https://127.0.0.1:9/none", null)))))));
        Path mirror = Files.createDirectories(tmp.resolve("mirror2/sst2"));
        Files.write(mirror.resolve("train.tsv"), train);
        DataDirectory data = DataDirectory.locate(tmp.resolve("data2"), tmp.resolve("mirror2"), Map.of(), real);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> data.fetchMissing(List.of("sst2/trian.tsv"), new DatasetFetcher(), FetchListener.SILENT));
        assertEquals("sst2/trian.tsv: no such file in the catalogue data set 'sst2'; did you mean 'sst2/train.tsv'?", e.getMessage());
        assertEquals(false, Files.exists(tmp.resolve("data2/sst2/train.tsv")), "nothing was fetched");
    }

    @Test
    void fetchMissingGeneratesSelfMadeDataSetsOnceAndLeavesThemAlone() throws Exception {
        DataDirectory data = DataDirectory.locate(tmp.resolve("data"), null, Map.of(), catalog);
        List<FetchReport> reports = data.fetchMissing(List.of("generated/dates/train.tsv", "generated/dates/validation.tsv",
                "generated/nosuchtask/train.tsv", "generated/dates/other.tsv"), new DatasetFetcher(), FetchListener.SILENT);
        assertEquals(1, reports.size());
        assertEquals("generated/dates: 3 of 3 files in " + tmp.resolve("data/generated/dates") + " (3 generated)", reports.get(0).summary());
        assertEquals(List.of(8000L, 1000L, 1000L), java.util.stream.Stream.of("train", "validation", "test")
                .map(s -> lines(tmp.resolve("data/generated/dates/" + s + ".tsv"))).toList());
        assertEquals(dev.rnnkit.data.seq2seq.SyntheticPairs.splits(dev.rnnkit.data.seq2seq.SyntheticPairs.Task.DATES,
                List.of(8000, 1000, 1000), 42).get(2).get(0).source(),
                Files.readAllLines(tmp.resolve("data/generated/dates/test.tsv")).get(0).split("\t")[0], "the CLI's defaults: seed 42");
        Files.writeString(tmp.resolve("data/generated/dates/train.tsv"), "mine\tyes\n");
        assertEquals(List.of(), data.fetchMissing(List.of("generated/dates/train.tsv"), new DatasetFetcher(), FetchListener.SILENT));
        assertEquals("mine\tyes\n", Files.readString(tmp.resolve("data/generated/dates/train.tsv")), "present files are never rewritten");
    }

    private static long lines(Path file) {
        try (var s = Files.lines(file)) {
            return s.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void resolveReturnsExistingFilesRelativeToTheRoot() throws Exception {
        Files.createDirectories(tmp.resolve("sst2"));
        Files.writeString(tmp.resolve("sst2/train.tsv"), "x\t1\n");
        DataDirectory data = DataDirectory.locate(tmp, null, Map.of(), catalog);

        assertEquals(tmp.resolve("sst2/train.tsv"), data.resolve("sst2/train.tsv"));
        assertEquals(tmp.resolve("sst2/train.tsv"), data.resolve(tmp.resolve("sst2/train.tsv").toString()));
    }

    @Test
    void missingCatalogueFileSuggestsTheFetchCommand() {
        DataDirectory data = DataDirectory.locate(null, null, Map.of("RNNKIT_DATA_DIR", tmp.toString()), catalog);

        DataFileNotFoundException e = assertThrows(DataFileNotFoundException.class, () -> data.resolve("sst2/train.tsv"));

        assertEquals("data file 'sst2/train.tsv' not found in data directory " + tmp
                + " (from environment RNNKIT_DATA_DIR); run 'rnnkit datasets fetch sst2'", e.getMessage());
        assertEquals(tmp.resolve("sst2/train.tsv"), e.path());
    }

    @Test
    void unlistedFileOfACatalogueDatasetSuggestsTheClosestListedFile() {
        DataDirectory data = DataDirectory.locate(tmp, null, Map.of(), catalog);

        DataFileNotFoundException e = assertThrows(DataFileNotFoundException.class, () -> data.resolve("sst2/trian.tsv"));

        assertEquals("data file 'sst2/trian.tsv' not found in data directory " + tmp
                + " (set by option --data-dir); dataset 'sst2' has no such file (did you mean 'train.tsv'?)", e.getMessage());
    }

    @Test
    void missingOwnFileNamesOnlyTheFileAndDirectory() {
        DataDirectory data = DataDirectory.locate(null, null, Map.of(), catalog);

        DataFileNotFoundException e = assertThrows(DataFileNotFoundException.class, () -> data.resolve("mine/series.csv"));

        assertEquals("data file 'mine/series.csv' not found in data directory " + Path.of("data").toAbsolutePath()
                + " (default ./data)", e.getMessage());
    }

    @Test
    void presentFilesCountsFilesOfTheCatalogueSize() throws Exception {
        DataDirectory data = DataDirectory.locate(tmp, null, Map.of(), catalog);
        Dataset sst2 = catalog.require("sst2");
        assertEquals(0, data.presentFiles(sst2));
        Files.createDirectories(tmp.resolve("sst2"));
        Files.writeString(tmp.resolve("sst2/train.tsv"), "abcd");
        Files.writeString(tmp.resolve("sst2/dev.tsv"), "abc");
        assertEquals(1, data.presentFiles(sst2), "dev.tsv has the wrong size");
        assertEquals(tmp.resolve("sst2"), data.datasetDirectory(sst2));
    }
}
