package dev.rnnkit.data.seq2seq;

import dev.rnnkit.eval.AtomicFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Generates seeded source/target pair data for the seq2seq example: dates written in human formats → ISO 8601,
 * and additions → sums.
 *
 * <p>Splits are drawn one after the other from one seeded random source, and no source appears in two
 * splits (a source fixes its target, so no pair does either). The same task, counts and seed give the same files.
 */
public final class SyntheticPairs {

    /** The first date drawn. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1950, 1, 1);
    /** The last date drawn; with the first, two-digit years are unambiguous (50-99 → 19xx, 00-49 → 20xx). */
    public static final LocalDate LAST_DATE = LocalDate.of(2049, 12, 31);
    /** The largest operand of an addition. */
    public static final int MAX_OPERAND = 999;
    /** The split files {@link #write} creates, in drawing order. */
    public static final List<String> SPLIT_FILES = List.of("train.tsv", "validation.tsv", "test.tsv");

    /** Default pairs per split and seed, as {@code rnnkit datasets generate} and a first training run write them. */
    public static final int DEFAULT_TRAIN = 8000;
    /** Default validation pairs. */
    public static final int DEFAULT_VALIDATION = 1000;
    /** Default test pairs. */
    public static final int DEFAULT_TEST = 1000;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;

    /** The human date formats, each drawn equally often. */
    public static final List<DateFormat> DATE_FORMATS = List.of(
            new DateFormat("d MMMM yyyy", Case.LOWER),        // 3 march 1987
            new DateFormat("dd/MM/yy", Case.AS_IS),           // 03/03/87
            new DateFormat("MMMM d, yyyy", Case.AS_IS),       // March 3, 1987
            new DateFormat("yyyy.MM.dd", Case.AS_IS),         // 1987.03.03
            new DateFormat("EEEE d MMM yyyy", Case.LOWER),    // tuesday 3 mar 1987
            new DateFormat("dd-MMM-yyyy", Case.UPPER),        // 03-MAR-1987
            new DateFormat("EEE, MMM d, yyyy", Case.AS_IS),   // Tue, Mar 3, 1987
            new DateFormat("d.M.yyyy", Case.AS_IS));          // 3.3.1987

    // Parsing a pattern costs more than formatting with it.
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    /** A kind of generated data. */
    public enum Task {
        /** A date 1950-2049 in one of {@link #DATE_FORMATS} → {@code yyyy-MM-dd}. */
        DATES,
        /** {@code a+b} with operands of 1 to 3 digits → the sum. */
        ADDITION;

        /** The task named {@code dates} or {@code addition}. */
        public static Task of(String name) {
            for (Task t : values()) {
                if (t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown task '" + name + "'; expected dates or addition");
        }

        /** Distinct sources the task can produce (dates: days × formats; addition: operand pairs). */
        public long distinctSources() {
            return this == DATES ? (ChronoUnit.DAYS.between(FIRST_DATE, LAST_DATE) + 1) * DATE_FORMATS.size()
                    : (long) (MAX_OPERAND + 1) * (MAX_OPERAND + 1);
        }
    }

    /** Letter case applied after formatting. */
    public enum Case {
        AS_IS, LOWER, UPPER
    }

    /**
     * One human date format: a {@link DateTimeFormatter} pattern in English, then a letter case.
     *
     * @param pattern   the {@code DateTimeFormatter} pattern
     * @param letterCase the case the rendered text is put in
     */
    public record DateFormat(String pattern, Case letterCase) {

        /** The date written in this format. */
        public String render(LocalDate date) {
            String text = FORMATTERS.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH)).format(date);
            return switch (letterCase) {
                case AS_IS -> text;
                case LOWER -> text.toLowerCase(Locale.ROOT);
                case UPPER -> text.toUpperCase(Locale.ROOT);
            };
        }
    }

    /** One generated example. */
    public record Pair(String source, String target) {
    }

    private SyntheticPairs() {
    }

    /** A random date in a random human format → its ISO 8601 form. */
    public static Pair date(Random random) {
        LocalDate date = FIRST_DATE.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(FIRST_DATE, LAST_DATE) + 1));
        DateFormat format = DATE_FORMATS.get(random.nextInt(DATE_FORMATS.size()));
        return new Pair(format.render(date), date.toString());
    }

    /** A random addition with operands of 1 to 3 digits (each length equally likely) → the sum. */
    public static Pair addition(Random random) {
        int a = operand(random);
        int b = operand(random);
        return new Pair(a + "+" + b, Integer.toString(a + b));
    }

    private static int operand(Random random) {
        int digits = 1 + random.nextInt(3);
        int low = digits == 1 ? 0 : (int) Math.pow(10, digits - 1);
        return low + random.nextInt((int) Math.pow(10, digits) - low);
    }

    /**
     * Pairs for each split, in order, with no source in two splits (nor twice in one).
     *
     * @param counts pairs per split, e.g. {@code [train, validation, test]}
     * @throws IllegalArgumentException when a count is negative or more than half the task's distinct sources are asked for
     */
    public static List<List<Pair>> splits(Task task, List<Integer> counts, long seed) {
        long total = counts.stream().mapToLong(Integer::longValue).sum();
        if (counts.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("pair counts must be >= 0, got " + counts);
        }
        // Beyond half the space, rejection sampling slows down and the splits stop looking random.
        if (total > task.distinctSources() / 2) {
            throw new IllegalArgumentException("task " + task.name().toLowerCase(Locale.ROOT) + " has " + task.distinctSources()
                    + " distinct sources; ask for at most " + task.distinctSources() / 2 + " pairs, got " + total);
        }
        Random random = new Random(seed);
        Function<Random, Pair> draw = task == Task.DATES ? SyntheticPairs::date : SyntheticPairs::addition;
        Set<String> seen = new HashSet<>();
        List<List<Pair>> out = new ArrayList<>();
        for (int count : counts) {
            List<Pair> split = new ArrayList<>(count);
            while (split.size() < count) {
                Pair p = draw.apply(random);
                if (seen.add(p.source())) {
                    split.add(p);
                }
            }
            out.add(List.copyOf(split));
        }
        return List.copyOf(out);
    }

    /**
     * Writes {@code train.tsv}, {@code validation.tsv} and {@code test.tsv} ({@code source<TAB>target} per line, no
     * header) into {@code dir}, each atomically.
     *
     * @return the files written, in {@link #SPLIT_FILES} order
     */
    public static List<Path> write(Task task, Path dir, int train, int validation, int test, long seed) {
        List<List<Pair>> splits = splits(task, List.of(train, validation, test), seed);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            StringBuilder tsv = new StringBuilder();
            for (Pair p : splits.get(i)) {
                tsv.append(p.source()).append('\t').append(p.target()).append('\n');
            }
            Path file = dir.resolve(SPLIT_FILES.get(i));
            AtomicFiles.writeString(file, tsv.toString());
            files.add(file);
        }
        return List.copyOf(files);
    }
}
