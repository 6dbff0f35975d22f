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
