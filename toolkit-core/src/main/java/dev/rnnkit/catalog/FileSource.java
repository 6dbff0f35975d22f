package dev.rnnkit.catalog;

import java.net.URI;
import java.util.Locale;

/**
 * One place a catalogue file can be downloaded from, and how the download becomes the target file.
 *
 * @param url     absolute http(s) or file URL of the original file
 * @param convert name of the {@link FileConverters converter} that turns the download into the target
 *                file; {@code identity} (the default) when the download already is the target file
 */
public record FileSource(String url, String convert) {

    /** Converter name used when a source names none. */
    public static final String IDENTITY = "identity";

    public FileSource {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("source needs a 'url'");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("source url is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
            throw new IllegalArgumentException("source url must be http, https or file: " + url);
        }
        convert = convert == null ? IDENTITY : convert;
        if (!FileConverters.names().contains(convert)) {
            throw new IllegalArgumentException("unknown converter '" + convert + "'"
                    + dev.rnnkit.config.Suggestions.didYouMean(convert, FileConverters.names()));
        }
    }

    /** The URL as a URI (checked when the record was made). */
    public URI uri() {
        return URI.create(url);
    }
}
