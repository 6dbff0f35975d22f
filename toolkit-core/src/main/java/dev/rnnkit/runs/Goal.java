package dev.rnnkit.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rnnkit.config.ConfigEnum;

/** Whether a smaller or a larger value of the sweep's metric is better. */
public enum Goal implements ConfigEnum {
    @JsonProperty("minimize") MINIMIZE,
    @JsonProperty("maximize") MAXIMIZE;

    /** The usual direction of a metric rnnkit logs: errors, losses and perplexity go down, the rest up. */
    public static Goal defaultFor(String metric) {
        String m = metric.toLowerCase(java.util.Locale.ROOT);
        boolean lower = m.contains("loss") || m.equals("mae") || m.equals("rmse") || m.equals("mse") || m.contains("mape")
                || m.equals("mase") || m.contains("perplexity") || m.endsWith("error_rate") || m.equals("cer") || m.equals("wer");
        return lower ? MINIMIZE : MAXIMIZE;
    }

    /** True when {@code a} is better than {@code b}. */
    public boolean better(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
