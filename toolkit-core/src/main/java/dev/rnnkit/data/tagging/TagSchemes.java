package dev.rnnkit.data.tagging;

import dev.rnnkit.config.TaggingDataConfig.TagErrors;
import dev.rnnkit.config.TaggingDataConfig.TagScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads per-token tags in one scheme (IOB1, IOB2, IOBES) as entity spans and writes spans in another.
 *
 * <p>Reading either rejects a tag that breaks the scheme or repairs it as conlleval reads it ({@link TagErrors}).
 */
public final class TagSchemes {

    /** An entity covering tokens {@code start} (inclusive) to {@code end} (exclusive). */
    public record Span(int start, int end, String type) {
    }

    /** A tag that breaks the scheme, at token {@code index}. */
    public static final class Violation extends Exception {
        private final int index;

        Violation(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }

        /** The 0-based index of the offending tag. */
        public int index() {
            return index;
        }
    }

    private TagSchemes() {
    }

    /** Converts a sentence's tags from one scheme to another, rejecting any tag that breaks {@code from}. */
    public static List<String> convert(List<String> tags, TagScheme from, TagScheme to) throws Violation {
        return write(read(tags, from), tags.size(), to);
    }

    /** The entity spans of a tag sequence, checking that it follows {@code scheme}. */
    public static List<Span> read(List<String> tags, TagScheme scheme) throws Violation {
        return read(tags, scheme, TagErrors.STRICT).spans();
    }

    /** How a tag that breaks the scheme was read under {@link TagErrors#REPAIR}. */
    public enum RepairKind {
        /** An I-X that continues no open entity of type X starts one (IOB2 and IOBES). */
        I_STARTS_ENTITY("I-X without an open X entity read as its start"),
        /** An E-X that continues no open entity of type X is a one-token entity (IOBES). */
        E_STARTS_ENTITY("E-X without an open X entity read as a one-token entity"),
        /** An IOBES entity followed by O, B-, S-, another type or the sentence end, without E-X: it ends at its last tag. */
        ENTITY_LEFT_OPEN("entity left open without E-X closed where it stops");

        private final String description;

        RepairKind(String description) {
            this.description = description;
        }

        /** What was read, for the read summary, e.g. {@code I-X without an open X entity read as its start}. */
        public String description() {
            return description;
        }
    }

    /** One repair, at the tag with 0-based {@code index} (for an entity left open: its last tag). */
    public record Repair(int index, RepairKind kind) {
    }

    /** The spans read from a sentence and the repairs that reading made, in token order. */
    public record Reading(List<Span> spans, List<Repair> repairs) {
        public Reading {
            spans = List.copyOf(spans);
            repairs = List.copyOf(repairs);
        }
    }

    /**
     * The entity spans of a tag sequence in {@code scheme}.
     *
     * <p>A tag without an allowed prefix is a {@link Violation} under either {@code errors}. A tag with one that breaks
     * the scheme is a {@link Violation} under {@link TagErrors#STRICT}; under {@link TagErrors#REPAIR} it is read as
     * conlleval reads it and reported in {@link Reading#repairs()}: an I-X (IOB2, IOBES) or E-X (IOBES) that continues
     * no open entity of type X starts one, and an IOBES entity that is not ended by E-X ends at its last tag. IOB1
     * reads I-X after O as a start by definition, so it never repairs.
     */
    public static Reading read(List<String> tags, TagScheme scheme, TagErrors errors) throws Violation {
        boolean repair = errors == TagErrors.REPAIR;
        List<Span> spans = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        String open = null;      // type of the entity being read
        int start = -1;
        String prev = "O";
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            char p = prefix(tag, scheme, i);
            String type = tag.equals("O") ? null : tag.substring(2);
            boolean continues = open != null && open.equals(type);
            if (scheme == TagScheme.IOBES && open != null && !(continues && (p == 'I' || p == 'E'))) {
                if (!repair) {
                    throw new Violation(i, "tag '" + tag + "' follows '" + prev + "'; in iobes an open entity continues with I-"
                            + open + " or ends with E-" + open);
                }
                repairs.add(new Repair(i - 1, RepairKind.ENTITY_LEFT_OPEN));
                spans.add(new Span(start, i, open));
                open = null;
                continues = false;
            }
            boolean orphan = (p == 'I' || p == 'E') && !continues;
            if (orphan && scheme != TagScheme.IOB1) {
                if (!repair) {
                    throw new Violation(i, "tag '" + tag + "' follows '" + prev + "'; in " + scheme.yamlName()
                            + " an entity starts with B-" + (scheme == TagScheme.IOBES ? " or S-" : ""));
                }
                repairs.add(new Repair(i, p == 'I' ? RepairKind.I_STARTS_ENTITY : RepairKind.E_STARTS_ENTITY));
            }
            boolean startsNew = p == 'B' || p == 'S' || orphan;
            if (p == 'O' || startsNew) {
                if (open != null) {
                    spans.add(new Span(start, i, open));
                }
                open = p == 'O' ? null : type;
                start = i;
            }
            if (p == 'S' || p == 'E') {
                spans.add(new Span(start, i + 1, type));
                open = null;
            }
            prev = tag;
        }
        if (open != null) {
            if (scheme == TagScheme.IOBES) {
                if (!repair) {
                    throw new Violation(tags.size() - 1, "the sentence ends inside entity '" + prev
                            + "'; in iobes an entity ends with E- or is S-");
                }
                repairs.add(new Repair(tags.size() - 1, RepairKind.ENTITY_LEFT_OPEN));
            }
            spans.add(new Span(start, tags.size(), open));
        }
        return new Reading(spans, repairs);
    }

    /** The tags of {@code length} tokens holding {@code spans}, written in {@code scheme}. */
    public static List<String> write(List<Span> spans, int length, TagScheme scheme) {
        List<String> tags = new ArrayList<>(java.util.Collections.nCopies(length, "O"));
        Span previous = null;
        for (Span s : spans) {
            for (int i = s.start(); i < s.end(); i++) {
                tags.set(i, "I-" + s.type());
            }
            boolean adjacentSameType = previous != null && previous.end() == s.start() && previous.type().equals(s.type());
            switch (scheme) {
                case IOB1 -> {
                    if (adjacentSameType) {
                        tags.set(s.start(), "B-" + s.type());
                    }
                }
                case IOB2 -> tags.set(s.start(), "B-" + s.type());
                case IOBES -> {
                    if (s.end() - s.start() == 1) {
                        tags.set(s.start(), "S-" + s.type());
                    } else {
                        tags.set(s.start(), "B-" + s.type());
                        tags.set(s.end() - 1, "E-" + s.type());
                    }
                }
            }
            previous = s;
        }
        return tags;
    }

    private static char prefix(String tag, TagScheme scheme, int index) throws Violation {
        if (tag.equals("O")) {
            return 'O';
        }
        String allowed = scheme == TagScheme.IOBES ? "BIES" : "BI";
        if (tag.length() < 3 || tag.charAt(1) != '-' || allowed.indexOf(tag.charAt(0)) < 0) {
            throw new Violation(index, "tag '" + tag + "' is not " + scheme.yamlName() + ": expected O or "
                    + String.join("/", allowed.chars().mapToObj(c -> (char) c + "-").toList()) + " followed by a type");
        }
        return tag.charAt(0);
    }
}
