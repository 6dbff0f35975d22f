package dev.rnnkit.examples;

/**
 * Multi-step forecasting on two real series: Melbourne's daily minimum temperature (univariate, a GRU, the next 7
 * days from the last 30) and Beijing's hourly PM2.5 with weather covariates (an LSTM, the next 24 hours from the
 * last 48); each scored in MAE, RMSE and MASE against the persistence and seasonal-naive forecasts.
 */
public final class ForecastExample {

    private ForecastExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/temperature-gru-forecaster.yaml", args);
        Examples.train("configs/pollution-lstm-forecaster.yaml", args);
    }
}
