package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a delimited file (TSV, CSV) into fields.
 *
 * <p>With a quote character, a field wrapped in quotes may contain the delimiter, and a doubled quote
 * inside it stands for one quote (RFC 4180, one line per record).
 */
public final class DelimitedLine {

    private DelimitedLine() {
    }

    /**
     * The fields of {@code line}.
     *
     * @param quote the quote character, or 0 for none
     * @return the fields, or null when a quoted field is not closed
     */
    public static List<String> split(String line, char delimiter, char quote) {
        List<String> fields = new ArrayList<>();
        if (quote == 0) {
            int start = 0;
            for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, start)) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
            fields.add(line.substring(start));
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == quote) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }

    /** The one-character setting as a char, or 0 when unset. */
    public static char charOf(String setting) {
        return setting == null || setting.isEmpty() ? 0 : setting.charAt(0);
    }
}
