package dev.rnnkit.train;

import dev.rnnkit.config.ScheduleConfig;
import dev.rnnkit.config.ScheduleType;
import dev.rnnkit.config.TrainingConfig;
import dev.rnnkit.model.Network;

/**
 * Lowers the learning rate when the watched validation metric stalls ({@code schedule.type: plateau}), as Keras's
 * {@code ReduceLROnPlateau}.
 *
 * <p>It watches the metric that picks the best model (and that early stopping watches), so one notion of
 * "improved" drives all three. Its bookkeeping lives in {@link TrainingState}, so a resumed run lowers the rate at
 * the same epochs as an uninterrupted one.
 */
final class PlateauSchedule {

    private final ScheduleConfig schedule;
    private final double initialRate;

    private PlateauSchedule(ScheduleConfig schedule, double initialRate) {
        this.schedule = schedule;
        this.initialRate = initialRate;
    }

    /** The plateau schedule of {@code training}, or null when it uses another schedule. */
    static PlateauSchedule of(TrainingConfig training) {
        ScheduleConfig s = training.optimizer().schedule();
        return s.type() == ScheduleType.PLATEAU ? new PlateauSchedule(s, training.optimizer().learningRate()) : null;
    }

    /**
     * The state after an epoch whose validation did or did not improve the watched metric; lowers the network's
     * rate when patience has run out.
     *
     * @return the new state and, when the rate changed, a message saying so (else null)
     */
    Step afterEpoch(TrainingState state, boolean improved, Network network) {
        int since = improved ? 0 : state.epochsSinceRateChange() + 1;
        double rate = state.learningRate() != null ? state.learningRate() : initialRate;
        if (since < schedule.patience()) {
            return new Step(state.withRate(state.learningRate(), since), null);
        }
        double lowered = Math.max(rate * schedule.decayRate(), schedule.minLearningRate());
        if (lowered >= rate) {
            return new Step(state.withRate(state.learningRate(), 0), null); // already at the floor
        }
        network.setLearningRate(lowered);
        return new Step(state.withRate(lowered, 0), String.format(java.util.Locale.ROOT,
                "plateau: no improvement for %d epochs, learning rate %.3g -> %.3g", since, rate, lowered));
    }

    /** Sets the rate a resumed run had reached. */
    static void restore(TrainingState state, Network network) {
        if (state.learningRate() != null) {
            network.setLearningRate(state.learningRate());
        }
    }

    /** One epoch's outcome: the state, and a message when the rate was lowered. */
    record Step(TrainingState state, String message) {
    }
}
