package dev.rnnkit.examples;

/**
 * Many-to-one regression: the next 7 days of Melbourne's daily minimum temperature from the last 30, with a
 * GRU; scored against the persistence and seasonal-naive forecasts (MASE).
 */
public final class ForecastExample {

    private ForecastExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/temperature-gru-forecaster.yaml", args);
    }
}
