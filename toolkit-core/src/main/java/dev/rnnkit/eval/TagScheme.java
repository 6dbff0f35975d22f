package dev.rnnkit.eval;

/**
 * How entity spans are encoded in a sequence of tags.
 *
 * <p>The outside tag is always {@code O}. Entity types may contain hyphens: the prefix ends at the first one.
 */
public enum TagScheme {
    /** IOB1: {@code I-X} everywhere; {@code B-X} only where a chunk directly follows one of the same type. */
    IOB1("BI"),
    /** IOB2 (BIO): every chunk opens with {@code B-X}, continues with {@code I-X}. */
    IOB2("BI"),
    /** IOBES (BIOES): {@code B-X I-X* E-X} for longer chunks, {@code S-X} for single tokens. */
    IOBES("BIES"),
    /** Tags without prefix ({@code PER}, {@code LOC}); neighbouring tokens of one type form one chunk, as conlleval {@code -r}. */
    PLAIN("");

    private final String prefixes;

    TagScheme(String prefixes) {
        this.prefixes = prefixes;
    }

    /** The prefix letters this scheme allows before {@code -TYPE}. */
    public String prefixes() {
        return prefixes;
    }
}
