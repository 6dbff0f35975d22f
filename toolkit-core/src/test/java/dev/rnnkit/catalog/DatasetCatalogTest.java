package dev.rnnkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    private final DatasetCatalog bundled = DatasetCatalog.bundled();

    @Test
    void bundledCatalogueListsTheExampleDatasets() {
        assertEquals(List.of("sst2", "conll2003", "timeseries", "french-rap", "mr", "ett", "multi30k"), bundled.names());
    }

    @Test
    void bundledFilesHaveTheLayoutTheExamplesUse() {
        assertEquals(List.of("train.tsv", "dev.tsv", "test.tsv"), paths("sst2"));
        assertEquals(List.of("train.txt", "valid.txt", "test.txt"), paths("conll2003"));
        assertEquals(List.of("airline-passengers.csv", "daily-min-temperatures.csv", "daily-total-female-births.csv",
                "monthly-car-sales.csv", "monthly-sunspots.csv", "pollution.csv", "shampoo.csv"), paths("timeseries"));
        List<String> rap = paths("french-rap");
        assertEquals(124, rap.size());
        assertEquals(123, rap.stream().filter(p -> p.startsWith("french_rap_lyrics/") && p.endsWith(".txt")).count());
        assertTrue(rap.contains("rappers.txt"));
        assertEquals(List.of("train.tsv", "validation.tsv", "test.tsv"), paths("mr"));
        assertEquals(List.of("ETTh2.csv"), paths("ett"));
        assertEquals(List.of("train.en", "train.fr", "train.de", "val.en", "val.fr", "val.de", "test_2016_flickr.en", "test_2016_flickr.fr",
                "test_2016_flickr.de"), paths("multi30k"));
    }

    @Test
    void everyBundledFileHasAnHttpsSourcePinnedToACommitAndAChecksum() {
        for (Dataset d : bundled.datasets()) {
            assertTrue(!d.homepages().isEmpty(), d.name());
            for (DatasetFile f : d.files()) {
                assertTrue(f.sha256().matches("[0-9a-f]{64}"), d.label(f));
                assertTrue(f.size() > 0, d.label(f));
                for (URI uri : f.sources().get(0).uris()) {
                    assertEquals("https", uri.getScheme(), d.label(f));
                    assertEquals("raw.githubusercontent.com", uri.getHost(), d.label(f));
                    assertTrue(uri.getPath().matches("/[^/]+/[^/]+/[0-9a-f]{40}/.+"), uri.toString());
                }
            }
        }
    }

    @Test
    void glueTrainIsTakenFromTrainFullAndConllFallsBackToConvertedOriginals() {
        DatasetFile train = bundled.require("sst2").file("train.tsv").orElseThrow();
        assertTrue(train.sources().get(0).urls().get(0).endsWith("/glue_data/SST-2/train_full.tsv"));
        DatasetFile conll = bundled.require("conll2003").file("valid.txt").orElseThrow();
        assertEquals(2, conll.sources().size());
        assertEquals("identity", conll.sources().get(0).convert());
        assertEquals("iob1-to-iob2", conll.sources().get(1).convert());
        assertTrue(conll.sources().get(1).urls().get(0).endsWith("/data/conll2003/eng.testa"));
    }

    @Test
    void mrSplitsAreBuiltFromBothClassFilesNegativeFirst() {
        for (String split : List.of("train", "validation", "test")) {
            FileSource source = bundled.require("mr").file(split + ".tsv").orElseThrow().sources().get(0);
            assertEquals("rt-polarity-" + split, source.convert());
            assertEquals(2, source.urls().size());
            assertTrue(source.urls().get(0).endsWith("/rt-polarity.neg"), source.describe());
            assertTrue(source.urls().get(1).endsWith("/rt-polarity.pos"), source.describe());
        }
    }

    @Test
    void fileNamesWithSpacesAndAccentsAreEncodedInUrls() {
        DatasetFile f = bundled.require("french-rap").file("french_rap_lyrics/bigflo & oli.txt").orElseThrow();
        assertTrue(f.sources().get(0).urls().get(0).endsWith("/french_rap_lyrics/bigflo%20%26%20oli.txt"));
        assertEquals("/Adib-Habbou/french-rap-lyrics-generator/645d6a796c2ab2832b32b71298b1492397ef3d8a"
                + "/french_rap_lyrics/bigflo & oli.txt", f.sources().get(0).uris().get(0).getPath());
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bundled.require("sst"));
        assertEquals("unknown dataset 'sst'; did you mean 'sst2'?", e.getMessage());
        assertEquals("unknown dataset 'conll'; did you mean 'conll2003'?",
                assertThrows(IllegalArgumentException.class, () -> bundled.require("conll")).getMessage());
    }

    @Test
    void unknownNameWithoutNearMatchListsTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bundled.require("imagenet"));
        assertEquals("unknown dataset 'imagenet'; known datasets: sst2, conll2003, timeseries, french-rap, mr, ett, multi30k", e.getMessage());
    }

    @Test
    void owningFindsTheDatasetByFirstDirectory() {
        assertEquals(Optional.of("sst2"), bundled.owning("sst2/train.tsv").map(Dataset::name));
        assertEquals(Optional.of("french-rap"), bundled.owning("french-rap/french_rap_lyrics/sniper.txt").map(Dataset::name));
        assertEquals(Optional.empty(), bundled.owning("train.tsv"));
        assertEquals(Optional.empty(), bundled.owning("mine/train.tsv"));
    }

    @Test
    void badChecksumInACatalogueFileIsReportedWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("catalog.json");
        Files.writeString(file, """
                {"datasets": [{"name": "toy", "description": "d", "licence": "l",
                  "files": [{"path": "a.txt", "size": 3, "sha256": "abc",
                             "sources": [{"url": "https://example.org/a.txt"}]}]}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.read(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().endsWith("a.txt: sha256 must be 64 lower-case hex digits, got abc"), e.getMessage());
    }

    @Test
    void unknownConverterAndEscapingPathAreRejected(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("catalog.json");
        String sha = "0".repeat(64);
        Files.writeString(file, "{\"datasets\": [{\"name\": \"toy\", \"description\": \"d\", \"licence\": \"l\", \"files\": "
                + "[{\"path\": \"a.txt\", \"size\": 3, \"sha256\": \"" + sha + "\", \"sources\": "
                + "[{\"url\": \"https://example.org/a\", \"convert\": \"iob1-to-iob\"}]}]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.read(file));
        assertTrue(e.getMessage().endsWith("unknown converter 'iob1-to-iob' (did you mean 'iob1-to-iob2'?)"), e.getMessage());

        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> new DatasetFile("../etc/passwd", 1, sha, List.of(new FileSource("https://example.org/a", null))));
        assertEquals("file path must be relative, normalised and use '/': ../etc/passwd", escape.getMessage());
    }

    @Test
    void sourceUrlCountMustMatchWhatItsConverterReads(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("catalog.json");
        Files.writeString(file, "{\"datasets\": [{\"name\": \"toy\", \"description\": \"d\", \"licence\": \"l\", "
                + "\"files\": [{\"path\": \"a.tsv\", \"size\": 3, \"sha256\": \"" + "0".repeat(64) + "\", \"sources\": "
                + "[{\"url\": \"https://example.org/neg\", \"convert\": \"rt-polarity-test\"}]}]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.read(file));
        assertTrue(e.getMessage().endsWith("converter 'rt-polarity-test' reads 2 files, the source lists 1 url"),
                e.getMessage());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new FileSource(List.of("https://example.org/a", "https://example.org/b"), null));
        assertEquals("converter 'identity' reads 1 file, the source lists 2 urls", both.getMessage());
    }

    @Test
    void unknownKeyInACatalogueFileIsAnError(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("catalog.json");
        Files.writeString(file, "{\"datasets\": [], \"dataset\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: Unrecognized field \"dataset\""), e.getMessage());
    }

    private List<String> paths(String name) {
        return bundled.require(name).files().stream().map(DatasetFile::path).toList();
    }
}
