package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The optimizer and its hyper-parameters; unset values take the optimizer's usual defaults.
 *
 * @param type         adam (default), sgd, rmsprop, adagrad, adadelta, nadam, adamax
 * @param learningRate initial learning rate; default 0.001 (sgd: 0.01)
 * @param momentum     sgd: Nesterov momentum, 0 for plain SGD; default 0.9
 * @param beta1        adam family: default 0.9
 * @param beta2        adam family: default 0.999
 * @param epsilon      numerical stabiliser; default 1e-8
 * @param rho          rmsprop and adadelta decay; default 0.95
 * @param schedule     learning-rate schedule; default constant
 */
public record OptimizerConfig(
        @JsonPropertyDescription("adam (default), sgd, rmsprop, adagrad, adadelta, nadam, adamax")
        OptimizerType type,
        @JsonPropertyDescription("Initial learning rate; default 0.001 (sgd 0.01)")
        Double learningRate,
        @JsonPropertyDescription("sgd: Nesterov momentum (0 = plain SGD); default 0.9")
        Double momentum,
        @JsonPropertyDescription("Adam family first-moment decay; default 0.9")
        Double beta1,
        @JsonPropertyDescription("Adam family second-moment decay; default 0.999")
        Double beta2,
        @JsonPropertyDescription("Numerical stabiliser; default 1e-8")
        Double epsilon,
        @JsonPropertyDescription("rmsprop/adadelta decay; default 0.95")
        Double rho,
        @JsonPropertyDescription("Learning-rate schedule")
        ScheduleConfig schedule) {

    public OptimizerConfig {
        type = type == null ? OptimizerType.ADAM : type;
        learningRate = learningRate == null ? (type == OptimizerType.SGD ? 0.01 : 0.001) : learningRate;
        momentum = momentum == null ? 0.9 : momentum;
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.999 : beta2;
        epsilon = epsilon == null ? 1e-8 : epsilon;
        rho = rho == null ? 0.95 : rho;
        schedule = schedule == null ? ScheduleConfig.constant() : schedule;
    }

    /** Adam with its defaults. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(null, null, null, null, null, null, null, null);
    }
}
