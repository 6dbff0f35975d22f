package dev.rnnkit.model.gru;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward arithmetic of the GRU equations documented on {@link Gru}.
 *
 * <p>The input projection x_t W + b of all steps is one matrix product; only the recurrent part runs
 * step by step. Arrays are time-major internally so each step's slice is contiguous. ND4J's fused
 * {@code gru} op is not used: it takes no mask or sequence lengths, fixes the candidate activation to
 * tanh, and its backward op would still need masking around it; the same loop in plain ND4J ops covers
 * forward, backward, masks and carried state in one tested path.
 */
final class GruPropagation {

    private GruPropagation() {
    }

    /**
     * Runs the layer over a whole sequence.
     *
     * @param input        [minibatch, nIn, time] (NCW)
     * @param mask         [minibatch, time] of 0/1, or null
     * @param initialState h_0 [minibatch, nOut], or null for zeros
     * @param keepCaches   whether to keep what {@link #backward} needs
     */
    static GruForwardPass forward(INDArray input, INDArray weights, INDArray recurrentWeights, INDArray bias,
                                  INDArray mask, INDArray initialState, IActivation activation,
                                  boolean training, boolean keepCaches) {
        long batch = input.size(0);
        long nIn = input.size(1);
        long steps = input.size(2);
        long nOut = recurrentWeights.size(0);
        INDArray flatInput = input.permute(2, 0, 1).dup('c').reshape('c', steps * batch, nIn);
        INDArray projected = flatInput.mmul(weights).addiRowVector(bias.reshape(1, GruParams.GATES * nOut))
                .reshape('c', steps, batch, GruParams.GATES * nOut);
        INDArray recurrentGates = recurrentWeights.get(all(), interval(0, 2 * nOut));
        INDArray recurrentCandidate = recurrentWeights.get(all(), interval(2 * nOut, 3 * nOut));

        long[] perStep = {steps, batch, nOut};
        INDArray output = Nd4j.create(input.dataType(), perStep, 'c');
        INDArray previousAll = keepCaches ? Nd4j.create(input.dataType(), perStep, 'c') : null;
        INDArray resetAll = keepCaches ? Nd4j.create(input.dataType(), perStep, 'c') : null;
        INDArray updateAll = keepCaches ? Nd4j.create(input.dataType(), perStep, 'c') : null;
        INDArray candidateAll = keepCaches ? Nd4j.create(input.dataType(), perStep, 'c') : null;
        INDArray candidatePreAll = keepCaches ? Nd4j.create(input.dataType(), perStep, 'c') : null;

        INDArray previous = initialState != null
                ? initialState.castTo(input.dataType())
                : Nd4j.zeros(input.dataType(), batch, nOut);
        for (long t = 0; t < steps; t++) {
            INDArray stepProjection = step(projected, t);
            INDArray gates = stepProjection.get(all(), interval(0, 2 * nOut)).add(previous.mmul(recurrentGates));
            Transforms.sigmoid(gates, false);
            INDArray reset = gates.get(all(), interval(0, nOut));
            INDArray update = gates.get(all(), interval(nOut, 2 * nOut));
            INDArray candidatePre = stepProjection.get(all(), interval(2 * nOut, 3 * nOut))
                    .add(reset.mul(previous).mmul(recurrentCandidate));
            INDArray candidate = activation.getActivation(candidatePre.dup(), training);
            // h = u * h_prev + (1 - u) * c, written as c + u * (h_prev - c)
            INDArray h = previous.sub(candidate).muli(update).addi(candidate);
            if (mask != null) {
                h.muliColumnVector(mask.getColumn(t, true));
            }
            step(output, t).assign(h);
            if (keepCaches) {
                step(previousAll, t).assign(previous);
                step(resetAll, t).assign(reset);
                step(updateAll, t).assign(update);
                step(candidateAll, t).assign(candidate);
                step(candidatePreAll, t).assign(candidatePre);
            }
            previous = h;
        }
        return new GruForwardPass(flatInput, output, previousAll, resetAll, updateAll, candidateAll, candidatePreAll);
    }

    /**
     * Backpropagates through the steps {@code firstStep .. time-1} of a cached forward pass.
     *
     * @param pass             a forward pass run with caches
     * @param epsilon          dL/dh [minibatch, nOut, time] (NCW)
     * @param mask             the mask the forward pass used, or null
     * @param firstStep        0 for full backprop; later for truncated BPTT
     * @param weightGrad       receives dL/dW [nIn, 3 nOut]
     * @param recurrentGrad    receives dL/dRW [nOut, 3 nOut]
     * @param biasGrad         receives dL/db [3 nOut]
     * @return dL/dx, time-major and flattened: [time * minibatch, nIn]
     */
    static INDArray backward(GruForwardPass pass, INDArray epsilon, INDArray weights, INDArray recurrentWeights,
                             INDArray mask, IActivation activation, long firstStep,
                             INDArray weightGrad, INDArray recurrentGrad, INDArray biasGrad) {
        long steps = pass.output().size(0);
        long batch = pass.output().size(1);
        long nOut = pass.output().size(2);
        INDArray recurrentGatesT = recurrentWeights.get(all(), interval(0, 2 * nOut)).transpose();
        INDArray recurrentCandidateT = recurrentWeights.get(all(), interval(2 * nOut, 3 * nOut)).transpose();
        // dL/d(pre-activations) of all three gates per step; steps before firstStep stay zero.
        INDArray preGrad = Nd4j.zeros(epsilon.dataType(), steps, batch, GruParams.GATES * nOut);

        INDArray fromNextStep = null;
        for (long t = steps - 1; t >= firstStep; t--) {
            INDArray dh = epsilon.get(all(), all(), point(t)).dup();
            if (fromNextStep != null) {
                dh.addi(fromNextStep);
            }
            if (mask != null) {
                dh.muliColumnVector(mask.getColumn(t, true));
            }
            INDArray previous = step(pass.previousOutput(), t);
            INDArray reset = step(pass.reset(), t);
            INDArray update = step(pass.update(), t);
            INDArray candidate = step(pass.candidate(), t);

            INDArray candidateGrad = activation.backprop(step(pass.candidatePre(), t).dup(),
                    dh.mul(update.rsub(1.0))).getFirst();
            INDArray updateGrad = dh.mul(previous.sub(candidate)).muli(update.mul(update.rsub(1.0)));
            INDArray resetPreviousGrad = candidateGrad.mmul(recurrentCandidateT);
            INDArray resetGrad = resetPreviousGrad.mul(previous).muli(reset.mul(reset.rsub(1.0)));

            INDArray stepGrad = step(preGrad, t);
            stepGrad.get(all(), interval(0, nOut)).assign(resetGrad);
            stepGrad.get(all(), interval(nOut, 2 * nOut)).assign(updateGrad);
            stepGrad.get(all(), interval(2 * nOut, 3 * nOut)).assign(candidateGrad);

            fromNextStep = dh.mul(update)
                    .addi(resetPreviousGrad.muli(reset))
                    .addi(stepGrad.get(all(), interval(0, 2 * nOut)).mmul(recurrentGatesT));
        }

        INDArray flatPreGrad = preGrad.reshape('c', steps * batch, GruParams.GATES * nOut);
        INDArray flatPrevious = pass.previousOutput().reshape('c', steps * batch, nOut);
        INDArray flatResetPrevious = pass.reset().reshape('c', steps * batch, nOut).mul(flatPrevious);
        weightGrad.assign(pass.input().transpose().mmul(flatPreGrad));
        biasGrad.assign(flatPreGrad.sum(0).reshape(biasGrad.shape()));
        recurrentGrad.get(all(), interval(0, 2 * nOut))
                .assign(flatPrevious.transpose().mmul(flatPreGrad.get(all(), interval(0, 2 * nOut))));
        recurrentGrad.get(all(), interval(2 * nOut, 3 * nOut))
                .assign(flatResetPrevious.transpose().mmul(flatPreGrad.get(all(), interval(2 * nOut, 3 * nOut))));
        return flatPreGrad.mmul(weights.transpose());
    }

    /** The [minibatch, width] view of one step of a time-major [time, minibatch, width] array. */
    static INDArray step(INDArray timeMajor, long t) {
        return timeMajor.get(point(t), all(), all());
    }
}
