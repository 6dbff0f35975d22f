package dev.rnnkit.benchmark;

/**
 * A benchmark option with a value outside its range, naming the option and the problem.
 *
 * <p>{@link #option()} is the name of the {@link BenchmarkOptions} component, which is also the name of the
 * command-line option ({@code cells} for {@code --cells}); the message is {@code option + " " + problem}.
 */
public final class BenchmarkOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;
    private final String problem;

    /** An error for {@code option}, e.g. {@code ("batch", "must be >= 1, got 0")}. */
    public BenchmarkOptionException(String option, String problem) {
        super(option + " " + problem);
        this.option = option;
        this.problem = problem;
    }

    /** The option's name, e.g. {@code cells}. */
    public String option() {
        return option;
    }

    /** What is wrong with its value, e.g. {@code must be >= 1, got 0}. */
    public String problem() {
        return problem;
    }
}
