package dev.rnnkit.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One place a catalogue file can be downloaded from, and how the download becomes the target file.
 *
 * <p>Most sources are one original file ({@code "url"} in the catalogue); a converter that builds the target
 * from several originals takes them as {@code "urls"}, in the order it documents.
 *
 * @param urls    absolute http(s) or file URLs of the original files, as many as the converter reads
 * @param convert name of the {@link FileConverters converter} that turns the downloads into the target
 *                file; {@code identity} (the default) when the download already is the target file
 */
public record FileSource(List<String> urls, String convert) {

    /** Converter name used when a source names none. */
    public static final String IDENTITY = "identity";

    public FileSource {
        if (urls == null || urls.isEmpty() || urls.stream().anyMatch(u -> u == null || u.isBlank())) {
            throw new IllegalArgumentException("source needs a 'url'");
        }
        urls = List.copyOf(urls);
        urls.forEach(FileSource::checkUrl);
        convert = convert == null ? IDENTITY : convert;
        if (!FileConverters.names().contains(convert)) {
            throw new IllegalArgumentException("unknown converter '" + convert + "'"
                    + dev.rnnkit.config.Suggestions.didYouMean(convert, FileConverters.names()));
        }
        int inputs = FileConverters.named(convert).inputs();
        if (urls.size() != inputs) {
            throw new IllegalArgumentException("converter '" + convert + "' reads " + inputs + " file"
                    + (inputs == 1 ? "" : "s") + ", the source lists " + urls.size() + " url"
                    + (urls.size() == 1 ? "" : "s"));
        }
    }

    /** A source of one original file. */
    public FileSource(String url, String convert) {
        this(url == null ? null : List.of(url), convert);
    }

    /** Reads a catalogue entry, which names either one {@code url} or several {@code urls}. */
    @JsonCreator
    static FileSource fromJson(@JsonProperty("url") String url, @JsonProperty("urls") List<String> urls,
                               @JsonProperty("convert") String convert) {
        if (url != null && urls != null) {
            throw new IllegalArgumentException("source has both 'url' and 'urls'");
        }
        return url != null ? new FileSource(url, convert) : new FileSource(urls, convert);
    }

    /** The URLs as URIs (checked when the record was made). */
    public List<URI> uris() {
        return urls.stream().map(URI::create).toList();
    }

    /** The URLs for messages: the only one, or all joined by {@code " + "}. */
    public String describe() {
        return String.join(" + ", urls);
    }

    private static void checkUrl(String url) {
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
    }
}
