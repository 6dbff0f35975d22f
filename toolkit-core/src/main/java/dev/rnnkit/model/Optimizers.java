package dev.rnnkit.model;

import dev.rnnkit.config.OptimizerConfig;
import dev.rnnkit.config.ScheduleConfig;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Maps optimizer and learning-rate schedule configs to DL4J updaters. */
public final class Optimizers {

    private Optimizers() {
    }

    /** The DL4J updater for an optimizer config. */
    public static IUpdater updater(OptimizerConfig o) {
        double lr = o.learningRate();
        ISchedule schedule = schedule(lr, o.schedule());
        return switch (o.type()) {
            case ADAM -> withSchedule(new Adam(lr, o.beta1(), o.beta2(), o.epsilon()), schedule, Adam::setLearningRateSchedule);
            case NADAM -> withSchedule(new Nadam(lr, o.beta1(), o.beta2(), o.epsilon()), schedule, Nadam::setLearningRateSchedule);
            case ADAMAX -> withSchedule(new AdaMax(lr, o.beta1(), o.beta2(), o.epsilon()), schedule, AdaMax::setLearningRateSchedule);
            case SGD -> o.momentum() > 0
                    ? withSchedule(new Nesterovs(lr, o.momentum()), schedule, Nesterovs::setLearningRateSchedule)
                    : withSchedule(new Sgd(lr), schedule, Sgd::setLearningRateSchedule);
            case RMSPROP -> withSchedule(new RmsProp(lr, o.rho(), o.epsilon()), schedule, RmsProp::setLearningRateSchedule);
            case ADAGRAD -> withSchedule(new AdaGrad(lr, o.epsilon()), schedule, AdaGrad::setLearningRateSchedule);
            // AdaDelta has no learning rate by design.
            case ADADELTA -> new AdaDelta(o.rho(), o.epsilon());
        };
    }

    private static <U extends IUpdater> U withSchedule(U updater, ISchedule schedule, java.util.function.BiConsumer<U, ISchedule> setter) {
        if (schedule != null) {
            setter.accept(updater, schedule);
        }
        return updater;
    }

    /** The DL4J schedule, or null for a constant rate. */
    static ISchedule schedule(double initial, ScheduleConfig s) {
        ScheduleType unit = s.unit() == ScheduleConfig.Unit.EPOCH ? ScheduleType.EPOCH : ScheduleType.ITERATION;
        ISchedule base = switch (s.type()) {
            // A plateau schedule starts constant; the trainer lowers the rate between epochs.
            case CONSTANT, PLATEAU -> null;
            case STEP -> new StepSchedule(unit, initial, s.decayRate(), s.decaySteps());
            case EXPONENTIAL -> new ExponentialSchedule(unit, initial, s.decayRate());
            case INVERSE -> new InverseSchedule(unit, initial, s.decayRate(), s.power());
            case POLY -> new PolySchedule(unit, initial, s.power(), s.maxSteps());
        };
        if (s.warmupSteps() > 0) {
            // RampSchedule scales the wrapped schedule linearly from 1/n up to 1 over n units.
            base = new RampSchedule(base == null ? new org.nd4j.linalg.schedule.FixedSchedule(initial) : base, s.warmupSteps());
        }
        return base;
    }
}
