package dev.rnnkit.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every semantic rule a config must satisfy, in one place.
 *
 * <p>Types, unknown keys and enum values are checked while binding ({@link ConfigLoader}); this class
 * checks ranges, required values and combinations that cannot work, and explains why.
 */
public final class ConfigValidator {

    /** A rule violation at a YAML path; {@link ConfigLoader} adds file and line. */
    public record Problem(String path, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    /** All problems of a bound config; empty when it is valid. */
    public static List<Problem> validate(RnnkitConfig c) {
        ConfigValidator v = new ConfigValidator();
        // Empty list entries first: every later rule reads the entries.
        v.checkNoEmptyEntries("encoder", c.encoder(), "a recurrent layer, e.g. {cell_type: lstm, state_size: 128}");
        v.checkNoEmptyEntries("fc_layers", c.fcLayers(), "a dense layer, e.g. {output_size: 64}");
        if (!v.problems.isEmpty()) {
            return List.copyOf(v.problems);
        }
        v.checkTop(c);
        v.checkInput(c.input());
        v.checkWordFeatures(c);
        v.checkCharEncoder(c);
        v.checkWordDropout(c);
        v.checkEncoder("encoder", c.encoder());
        for (int i = 0; i < c.fcLayers().size(); i++) {
            v.checkDense("fc_layers[" + i + "]", c.fcLayers().get(i));
        }
        v.checkOutput(c);
        v.checkTraining(c);
        v.checkData(c);
        return List.copyOf(v.problems);
    }

    private void fail(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private void checkTop(RnnkitConfig c) {
        if (!c.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            fail("name", "'" + c.name() + "' must start with a letter or digit and use only letters, digits, '.', '_' or '-' (it names run folders)");
        }
        if (c.seed() < 0) {
            fail("seed", "must be >= 0, got " + c.seed());
        }
    }

    private void checkInput(InputConfig in) {
        switch (in.type()) {
            case EMBEDDING -> {
                atLeast("input.vocab_size", in.vocabSize(), 2);
                atLeast("input.embedding_size", in.embeddingSize(), 1);
                notFor("input.feature_size", in.featureSize(), "applies to dense input only; embedding input reads token ids");
                probability("input.word_dropout", in.wordDropout());
            }
            case ONE_HOT -> {
                atLeast("input.vocab_size", in.vocabSize(), 2);
                notFor("input.word_dropout", in.wordDropout() == 0 ? null : in.wordDropout(),
                        "applies to embedding input only; it replaces token ids with the unknown id");
                notFor("input.embedding_size", in.embeddingSize(), "applies to embedding input only; one_hot input has vocab_size features");
                notFor("input.feature_size", in.featureSize(), "applies to dense input only; one_hot input has vocab_size features");
            }
            case DENSE -> {
                atLeast("input.feature_size", in.featureSize(), 1);
                notFor("input.vocab_size", in.vocabSize(), "applies to embedding and one_hot input only");
                notFor("input.embedding_size", in.embeddingSize(), "applies to embedding input only");
                notFor("input.word_dropout", in.wordDropout() == 0 ? null : in.wordDropout(),
                        "applies to embedding input only; it replaces token ids with the unknown id");
            }
        }
    }

    /** Whether the config's input and head read a word vocabulary: text classification or tagging data. */
    private static boolean readsWords(RnnkitConfig c) {
        return DataFamily.of(c.input().type(), c.output().type())
                .filter(f -> f == DataFamily.TEXT_CLASSIFICATION || f == DataFamily.TAGGING).isPresent();
    }

    private void checkWordDropout(RnnkitConfig c) {
        if (c.input().wordDropout() == 0 || c.input().type() != InputType.EMBEDDING || c.output() == null || c.output().type() == null) {
            return;
        }
        if (!readsWords(c)) {
            fail("input.word_dropout", "needs text classification or tagging data (output.type classification, regression or tagging); "
                    + "output.type " + c.output().type().yamlName() + " has no unknown word to replace words with");
        }
    }

    private void checkWordFeatures(RnnkitConfig c) {
        List<WordFeature> features = c.input().wordFeatures();
        if (features.isEmpty()) {
            return;
        }
        String p = "input.word_features";
        java.util.Set<WordFeature> seen = java.util.EnumSet.noneOf(WordFeature.class);
        for (WordFeature f : features) {
            if (!seen.add(f)) {
                fail(p, "lists '" + f.yamlName() + "' twice; give each feature once");
            }
        }
        if (c.input().type() != InputType.EMBEDDING) {
            fail(p, "applies to embedding input only; the features are fed beside each word's embedding, and input.type "
                    + c.input().type().yamlName() + " has none");
            return;
        }
        if (c.output() == null || c.output().type() == null) {
            return;
        }
        if (!readsWords(c)) {
            fail(p, "needs text classification or tagging data (output.type classification, regression or tagging); output.type "
                    + c.output().type().yamlName() + " reads no words to compute them from");
        } else if (c.data() != null && c.data().tokenizer().level() != TokenizerConfig.Level.WORD) {
            fail(p, "needs word-level tokens (data.tokenizer.level: word); they describe how a word is written");
        }
    }

    private void checkCharEncoder(RnnkitConfig c) {
        CharEncoderConfig ce = c.input().charEncoder();
        if (ce == null) {
            return;
        }
        String p = "input.char_encoder";
        between(p + ".embedding_size", ce.embeddingSize(), 1, 4096);
        between(p + ".output_size", ce.outputSize(), 1, 4096);
        between(p + ".max_word_length", ce.maxWordLength(), 1, 1000);
        between(p + ".min_count", ce.minCount(), 1, Integer.MAX_VALUE);
        if (ce.alphabetSize() != null) {
            between(p + ".alphabet_size", ce.alphabetSize(), 3, 1_114_112);
        }
        if (ce.type() == CharEncoderConfig.Type.BILSTM && ce.outputSize() % 2 != 0) {
            fail(p + ".output_size", "must be even for bilstm (half per direction), got " + ce.outputSize());
        }
        if (ce.type() == CharEncoderConfig.Type.CNN) {
            between(p + ".kernel_width", ce.kernelWidth(), 1, 99);
            if (ce.kernelWidth() % 2 == 0) {
                fail(p + ".kernel_width", "must be odd (a window centred on each character), got " + ce.kernelWidth());
            }
        }
        if (c.input().type() != InputType.EMBEDDING) {
            fail(p, "applies to embedding input only; the character features are concatenated with each word's embedding");
            return;
        }
        if (c.output() == null || c.output().type() == null) {
            return;
        }
        if (!readsWords(c)) {
            fail(p, "needs text classification or tagging data (output.type classification, regression or tagging); output.type "
                    + c.output().type().yamlName() + " reads no words");
        } else if (c.data() != null && c.data().tokenizer().level() != TokenizerConfig.Level.WORD) {
            fail(p, "needs word-level tokens (data.tokenizer.level: word); it reads the characters of each word");
        }
    }

    private void checkNoEmptyEntries(String where, List<?> entries, String expected) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) {
                fail(where + "[" + i + "]", "is empty; expected " + expected);
            }
        }
    }

    private void checkEncoder(String where, List<RecurrentLayerConfig> blocks) {
        if (blocks.isEmpty()) {
            fail(where, "at least one recurrent layer is required, e.g. '- {cell_type: lstm, state_size: 128}'");
        }
        for (int i = 0; i < blocks.size(); i++) {
            String p = where + "[" + i + "]";
            RecurrentLayerConfig r = blocks.get(i);
            if (r.stateSize() == null) {
                fail(p + ".state_size", "is required (the hidden state size, e.g. 128)");
            } else {
                between(p + ".state_size", r.stateSize(), 1, 65_536);
            }
            between(p + ".num_layers", r.numLayers(), 1, 64);
            probability(p + ".dropout", r.dropout());
            probability(p + ".recurrent_dropout", r.recurrentDropout());
            if (r.forgetGateBias() != null && r.cellType() != CellType.LSTM) {
                fail(p + ".forget_gate_bias", "applies to lstm only; a " + r.cellType().yamlName() + " cell has no forget gate");
            }
        }
    }

    private void checkDense(String p, DenseLayerConfig d) {
        if (d.outputSize() == null) {
            fail(p + ".output_size", "is required (the number of units)");
        } else {
            between(p + ".output_size", d.outputSize(), 1, 1_000_000);
        }
        probability(p + ".dropout", d.dropout());
    }

    private void checkOutput(RnnkitConfig c) {
        OutputConfig o = c.output();
        if (o == null) {
            fail("output", "is required: say what the network predicts, e.g. 'output: {type: classification}'");
            return;
        }
        if (o.type() == null) {
            fail("output.type", "is required; expected one of " + String.join(", ", ConfigEnum.names(OutputType.class)));
            return;
        }
        String type = "output.type " + o.type().yamlName();
        if (o.type().perStep() && o.type() != OutputType.SEQ2SEQ && o.reduceOutput() != null) {
            fail("output.reduce_output", "does not apply: " + type + " predicts at every step, so the outputs are not reduced over time");
        }
        if (o.type().categorical()) {
            atLeast("output.num_classes", o.numClasses(), 2);
            notFor("output.output_size", o.outputSize(), "applies to real-valued heads; " + type + " predicts classes (use num_classes)");
        } else {
            atLeast("output.output_size", o.outputSize(), 1);
            notFor("output.num_classes", o.numClasses(), "applies to categorical heads; " + type + " predicts real values (use output_size)");
        }
        if (o.type() == OutputType.FORECAST) {
            between("output.horizon", o.horizon(), 1, 10_000);
        } else {
            notFor("output.horizon", o.horizon(), "applies to output.type forecast only");
        }
        if (o.type() == OutputType.SEQ2SEQ) {
            if (o.outputLength() == null) {
                fail("output.output_length", "is required for seq2seq: the length of the decoded sequence");
            } else {
                between("output.output_length", o.outputLength(), 1, 100_000);
            }
            if (o.decoder().isEmpty()) {
                fail("output.decoder", "seq2seq needs at least one decoder layer, e.g. '- {cell_type: lstm, state_size: 128}'");
            } else {
                checkEncoder("output.decoder", o.decoder());
            }
            if (o.attention() != null) {
                checkAttentionDecoder(c, o);
            }
        } else {
            notFor("output.attention", o.attention(), "applies to output.type seq2seq only (an attention decoder)");
            notFor("output.output_length", o.outputLength(), "applies to output.type seq2seq only");
            if (!o.decoder().isEmpty()) {
                fail("output.decoder", "applies to output.type seq2seq only");
            }
        }
        if (o.classWeights() != null) {
            checkClassWeights(o);
        }
        if (o.crf() && o.type() != OutputType.TAGGING) {
            fail("output.crf", "applies to output.type tagging only (a CRF scores whole tag sequences); " + type + " has no tags");
        }
        if (o.crf() && !c.fcLayers().isEmpty()) {
            fail("output.crf", "takes the recurrent outputs directly; remove fc_layers (the CRF has its own projection to tag scores)");
        }
        if (o.reduceOutput() == ReduceOutput.ATTENTION) {
            between("output.attention_size", o.attentionSize(), 1, 65_536);
            if (o.type() == OutputType.SEQ2SEQ) {
                fail("output.reduce_output", "attention pooling applies to many-to-one heads; seq2seq repeats one encoder vector");
            }
        } else {
            notFor("output.attention_size", o.attentionSize(), "applies to reduce_output: attention only");
        }
        if (o.type() == OutputType.GENERATION) {
            for (int i = 0; i < c.encoder().size(); i++) {
                if (c.encoder().get(i).bidirectional()) {
                    fail("encoder[" + i + "].bidirectional", "must be false for output.type generation: a generator predicts the next step, "
                            + "and a backward layer would read the very steps it must predict");
                }
            }
            if (c.input().type() == InputType.DENSE) {
                fail("input.type", "must be embedding or one_hot for output.type generation: the generator feeds its own sampled tokens back as input");
            }
            Integer vocab = c.input().vocabSize();
            if (vocab != null && o.numClasses() != null && !vocab.equals(o.numClasses())) {
                fail("output.num_classes", "is " + o.numClasses() + " but input.vocab_size is " + vocab
                        + "; a generator predicts the next input token, so they must match (omit num_classes)");
            }
        }
    }

    private void checkClassWeights(OutputConfig o) {
        String p = "output.class_weights";
        ClassWeights w = o.classWeights();
        if (o.type() != OutputType.CLASSIFICATION && o.type() != OutputType.TAGGING) {
            // generation and seq2seq are categorical too, but their classes are vocabulary tokens, not labels to balance.
            fail(p, "applies to output.type classification and tagging only; output.type " + o.type().yamlName()
                    + (o.type().categorical() ? " predicts vocabulary tokens, not labels" : " predicts real values"));
            return;
        }
        if (w.values() != null) {
            if (w.values().isEmpty()) {
                fail(p, "is an empty list; give one weight per class, in label order, or 'auto'");
            } else if (o.numClasses() != null && w.values().size() != o.numClasses()) {
                fail(p, "has " + w.values().size() + " weights but output.num_classes is " + o.numClasses()
                        + "; give one weight per class, in label order");
            }
            for (int i = 0; i < w.values().size(); i++) {
                positiveWeight(p + "[" + i + "]", w.values().get(i));
            }
        } else if (w.byLabel() != null) {
            if (w.byLabel().isEmpty()) {
                fail(p, "is an empty mapping; give label: weight pairs, or 'auto'");
            }
            w.byLabel().forEach((label, weight) -> positiveWeight(p + "." + label, weight));
        }
    }

    private void positiveWeight(String path, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            fail(path, "must be a finite number > 0 (a class weight), got " + v);
        }
    }

    private void checkTraining(RnnkitConfig c) {
        TrainingConfig t = c.training();
        between("training.batch_size", t.batchSize(), 1, 1_000_000);
        between("training.epochs", t.epochs(), 1, 1_000_000);
        atLeast("training.max_batches", t.maxBatches(), 1);
        checkMaxBatchTokens(c);
        nonNegative("training.l2", t.l2());
        nonNegative("training.weight_decay", t.weightDecay());
        if (t.gradientClipping().threshold() <= 0) {
            fail("training.gradient_clipping.threshold", "must be > 0, got " + t.gradientClipping().threshold());
        }
        if (t.tbpttLength() < 0) {
            fail("training.tbptt_length", "must be >= 0 (0 = full backpropagation through time), got " + t.tbpttLength());
        } else if (t.tbpttLength() > 0 && c.output() != null && c.output().type() != null) {
            OutputType type = c.output().type();
            if (!type.perStep() || type == OutputType.SEQ2SEQ) {
                fail("training.tbptt_length", "truncated BPTT needs labels at every step, which output.type " + type.yamlName()
                        + " does not have; use 0");
            }
            for (int i = 0; i < c.encoder().size(); i++) {
                if (c.encoder().get(i).bidirectional()) {
                    fail("training.tbptt_length", "cannot be used with bidirectional layers (encoder[" + i
                            + "]): the backward direction needs the whole sequence; use 0");
                    break;
                }
            }
        }
        checkOptimizer(t.optimizer());
        checkEarlyStopping(c);
        if (t.maxTime() != null) {
            try {
                TimeBudget.parse(t.maxTime());
            } catch (IllegalArgumentException e) {
                fail("training.max_time", e.getMessage());
            }
        }
        if (t.optimizer().schedule().type() == ScheduleType.PLATEAU && c.data() != null && !c.data().hasValidation()) {
            fail("training.optimizer.schedule.type", "plateau needs validation data to watch: set data.validation or data.validation_split");
        }
        CheckpointConfig k = t.checkpoints();
        atLeast("training.checkpoints.every_epochs", k.everyEpochs(), 0);
        atLeast("training.checkpoints.every_iterations", k.everyIterations(), 0);
        atLeast("training.checkpoints.keep_last", k.keepLast(), 1);
        atLeast("training.ui_stats.frequency", t.uiStats().frequency(), 1);
        checkEngine(t);
    }

    /** Engine settings: each section only with its engine, numbers in range, a Spark master Spark can parse. */
    private void checkEngine(TrainingConfig t) {
        if (t.parallel() != null && t.engine() != EngineType.PARALLEL) {
            fail("training.parallel", "applies to engine parallel, but training.engine is " + t.engine().yamlName()
                    + "; set training.engine: parallel or remove the section");
        }
        if (t.spark() != null && t.engine() != EngineType.SPARK) {
            fail("training.spark", "applies to engine spark, but training.engine is " + t.engine().yamlName()
                    + "; set training.engine: spark or remove the section");
        }
        if (t.engine() != EngineType.LOCAL && t.checkpoints().everyIterations() > 0) {
            // The parallel and spark engines own their minibatch loops; the model is only whole between averagings.
            fail("training.checkpoints.every_iterations", "is a local-engine feature; engine " + t.engine().yamlName()
                    + " checkpoints at epoch boundaries (every_epochs); use 0");
        }
        if (t.engine() == EngineType.SPARK && t.uiStats().enabled()) {
            // Spark fits copies of the network in its executors; the listener attached in this process would hear nothing.
            fail("training.ui_stats.enabled", "is recorded by the local and parallel engines only; engine spark fits the "
                    + "network in Spark executors; use false");
        }
        if (t.engine() == EngineType.PARALLEL) {
            ParallelConfig p = t.parallelSettings();
            if (p.workers() != null && p.workers() < 2) {
                fail("training.parallel.workers", "must be at least 2 (DL4J's ParallelWrapper refuses fewer), got " + p.workers()
                        + "; for one worker use training.engine: local");
            } else {
                between("training.parallel.workers", p.workers(), 2, 1024);
            }
            between("training.parallel.averaging_frequency", p.averagingFrequency(), 1, 1_000_000);
            between("training.parallel.prefetch", p.prefetch(), 1, 1024);
        }
        if (t.engine() == EngineType.SPARK) {
            SparkConfig s = t.sparkSettings();
            between("training.spark.averaging_frequency", s.averagingFrequency(), 1, 1_000_000);
            between("training.spark.prefetch", s.prefetch(), 0, 1024);
            String problem = SparkMasters.problem(s.master());
            if (problem != null) {
                fail("training.spark.master", problem);
            }
            if (s.exportDir() != null && s.exportDir().isBlank()) {
                fail("training.spark.export_dir", "is empty; give a path or URI every executor can read, or omit it");
            }
            s.conf().forEach((key, value) -> {
                if (!key.startsWith("spark.")) {
                    fail("training.spark.conf." + key, "is not a Spark setting (Spark's keys start with 'spark.')");
                } else if (key.equals("spark.master")) {
                    fail("training.spark.conf.spark.master", "set the master with training.spark.master");
                }
            });
        }
    }

    private void checkMaxBatchTokens(RnnkitConfig c) {
        Integer max = c.training().maxBatchTokens();
        if (max == null) {
            return;
        }
        if (max < 1) {
            fail("training.max_batch_tokens", "must be > 0 (padded tokens per minibatch), got " + max);
        }
        if (c.input() == null || c.output() == null || c.output().type() == null) {
            return;
        }
        // Windows and generation sequences all have one length, so batch_size alone bounds them; a cap would do nothing.
        DataFamily.of(c.input().type(), c.output().type())
                .filter(f -> f == DataFamily.TIME_SERIES || f == DataFamily.GENERATION)
                .ifPresent(f -> fail("training.max_batch_tokens", "applies to text classification, tagging and seq2seq data, whose "
                        + "examples differ in length; " + f.yamlName() + " examples all have the same length, so lower batch_size instead"));
    }

    private void checkEarlyStopping(RnnkitConfig c) {
        EarlyStoppingConfig e = c.training().earlyStopping();
        if (e == null) {
            return;
        }
        String p = "training.early_stopping";
        atLeast(p + ".patience", e.patience(), 1);
        nonNegative(p + ".min_delta", e.minDelta());
        if (c.output() == null || c.output().type() == null || c.input() == null) {
            return;
        }
        List<StoppingMetric> allowed = stoppingMetrics(c.input().type(), c.output().type());
        if (e.metric() != null && !allowed.contains(e.metric())) {
            fail(p + ".metric", "'" + e.metric().yamlName() + "' is not computed for output.type " + c.output().type().yamlName()
                    + "; expected one of " + String.join(", ", allowed.stream().map(StoppingMetric::yamlName).toList()));
        }
        if (e.enabled() && c.data() != null && !c.data().hasValidation()) {
            fail(p, "needs validation data: set data.validation or data.validation_split (or enabled: false)");
        }
    }

    /** The validation metrics evaluation computes for a task. */
    public static List<StoppingMetric> stoppingMetrics(InputType input, OutputType output) {
        return switch (output) {
            case CLASSIFICATION -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_ACCURACY, StoppingMetric.VAL_F1);
            case TAGGING -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_F1, StoppingMetric.VAL_TOKEN_ACCURACY);
            case FORECAST -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_MAE, StoppingMetric.VAL_RMSE, StoppingMetric.VAL_MASE);
            case REGRESSION -> input == InputType.DENSE
                    ? List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_MAE, StoppingMetric.VAL_RMSE, StoppingMetric.VAL_MASE)
                    : List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_MAE, StoppingMetric.VAL_RMSE);
            case SEQUENCE_REGRESSION -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_MAE, StoppingMetric.VAL_RMSE);
            case GENERATION -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_PERPLEXITY);
            case SEQ2SEQ -> List.of(StoppingMetric.VAL_LOSS, StoppingMetric.VAL_EXACT_MATCH, StoppingMetric.VAL_BLEU);
        };
    }

    private void checkOptimizer(OptimizerConfig o) {
        String p = "training.optimizer";
        if (!(o.learningRate() > 0) || o.learningRate() > 10) {
            fail(p + ".learning_rate", "must be in (0, 10], got " + o.learningRate());
        }
        if (o.momentum() < 0 || o.momentum() >= 1) {
            fail(p + ".momentum", "must be in [0, 1), got " + o.momentum());
        }
        if (o.beta1() < 0 || o.beta1() >= 1) {
            fail(p + ".beta1", "must be in [0, 1), got " + o.beta1());
        }
        if (o.beta2() < 0 || o.beta2() >= 1) {
            fail(p + ".beta2", "must be in [0, 1), got " + o.beta2());
        }
        if (!(o.epsilon() > 0)) {
            fail(p + ".epsilon", "must be > 0, got " + o.epsilon());
        }
        if (o.rho() <= 0 || o.rho() >= 1) {
            fail(p + ".rho", "must be in (0, 1), got " + o.rho());
        }
        ScheduleConfig s = o.schedule();
        String sp = p + ".schedule";
        nonNegative(sp + ".warmup_steps", s.warmupSteps() == null ? null : s.warmupSteps().doubleValue());
        switch (s.type()) {
            case CONSTANT -> { }
            case STEP -> {
                required(sp + ".decay_rate", s.decayRate(), "step");
                required(sp + ".decay_steps", s.decaySteps(), "step");
                if (s.decaySteps() != null) {
                    atLeast(sp + ".decay_steps", s.decaySteps(), 1);
                }
                decayFactor(sp + ".decay_rate", s.decayRate());
            }
            case EXPONENTIAL -> {
                required(sp + ".decay_rate", s.decayRate(), "exponential");
                decayFactor(sp + ".decay_rate", s.decayRate());
            }
            case INVERSE -> {
                required(sp + ".decay_rate", s.decayRate(), "inverse");
                if (s.decayRate() != null && s.decayRate() <= 0) {
                    fail(sp + ".decay_rate", "must be > 0 for an inverse schedule, got " + s.decayRate());
                }
            }
            case POLY -> {
                required(sp + ".max_steps", s.maxSteps(), "poly");
                if (s.maxSteps() != null) {
                    atLeast(sp + ".max_steps", s.maxSteps(), 1);
                }
            }
            case PLATEAU -> {
                if (s.decayRate() <= 0 || s.decayRate() >= 1) {
                    fail(sp + ".decay_rate", "must be in (0, 1) for a plateau schedule (the factor the rate is multiplied by), got " + s.decayRate());
                }
                atLeast(sp + ".patience", s.patience(), 1);
                if (s.minLearningRate() < 0 || s.minLearningRate() >= o.learningRate()) {
                    fail(sp + ".min_learning_rate", "must be >= 0 and below learning_rate (" + o.learningRate() + "), got " + s.minLearningRate());
                }
                if (s.warmupSteps() > 0) {
                    fail(sp + ".warmup_steps", "is not supported with a plateau schedule; use 0");
                }
            }
        }
        if (s.type() != ScheduleType.PLATEAU && (s.patience() != null || s.minLearningRate() != null)) {
            fail(sp + (s.patience() != null ? ".patience" : ".min_learning_rate"), "is only used by a plateau schedule");
        }
        if (s.power() <= 0) {
            fail(sp + ".power", "must be > 0, got " + s.power());
        }
    }

    // ---- data ----

    private void checkData(RnnkitConfig c) {
        DataConfig d = c.data();
        if (d == null) {
            return;
        }
        if (d.train() == null || d.train().isBlank()) {
            fail("data.train", "is required: the training file, relative to the data directory");
        }
        fraction("data.validation_split", d.validationSplit());
        fraction("data.test_split", d.testSplit());
        // Only when each fraction is valid: one out of range is reported once, on its own key.
        if (inFraction(d.validationSplit()) && inFraction(d.testSplit()) && d.validationSplit() + d.testSplit() >= 1) {
            fail("data.test_split", "validation_split + test_split must be < 1 so that some training data is left, got "
                    + (d.validationSplit() + d.testSplit()));
        }
        if (d.validation() != null && d.validationSplit() > 0) {
            fail("data.validation_split", "set either data.validation (a file) or data.validation_split, not both");
        }
        if (d.test() != null && d.testSplit() > 0) {
            fail("data.test_split", "set either data.test (a file) or data.test_split, not both");
        }
        between("data.prefetch", d.prefetch(), 0, 1024);
        atLeast("data.vocabulary.max_size", d.vocabulary().maxSize(), 1);
        atLeast("data.vocabulary.min_freq", d.vocabulary().minFreq(), 1);
        if (c.output() == null || c.output().type() == null) {
            return;
        }
        java.util.Optional<DataFamily> family = DataFamily.of(c.input().type(), c.output().type());
        if (family.isEmpty()) {
            fail("data", "no data pipeline reads input.type " + c.input().type().yamlName() + " for output.type "
                    + c.output().type().yamlName() + "; supported: classification/regression/tagging/generation/seq2seq over "
                    + "embedding or one_hot input, forecast/regression/sequence_regression over dense input");
            return;
        }
        DataFamily f = family.get();
        sectionOnlyFor(f, DataFamily.TEXT_CLASSIFICATION, d.text());
        sectionOnlyFor(f, DataFamily.TAGGING, d.tagging());
        sectionOnlyFor(f, DataFamily.TIME_SERIES, d.timeSeries());
        sectionOnlyFor(f, DataFamily.GENERATION, d.generation());
        sectionOnlyFor(f, DataFamily.SEQ2SEQ, d.seq2seq());
        if (d.pretrainedEmbeddings() != null) {
            checkPretrained(c, f);
        }
        switch (f) {
            case TEXT_CLASSIFICATION -> checkTextData(d.textOrDefaults());
            case TAGGING -> checkTaggingData(d.taggingOrDefaults());
            case TIME_SERIES -> checkTimeSeriesData(d, c.output().type());
            case GENERATION -> {
                GenerationDataConfig g = d.generationOrDefaults();
                between("data.generation.sequence_length", g.sequenceLength(), 1, 1_000_000);
                if (!g.stride().equals(g.sequenceLength())) {
                    // A stride left out is sequence_length, whose problem is already reported on its own key.
                    between("data.generation.stride", g.stride(), 1, 1_000_000);
                }
            }
            case SEQ2SEQ -> checkSeq2SeqData(c);
        }
    }

    private void sectionOnlyFor(DataFamily actual, DataFamily owner, Object section) {
        if (section != null && actual != owner) {
            fail("data." + owner.sectionKey(), "applies to the " + owner.yamlName() + " pipeline; this config reads "
                    + actual.yamlName() + " data (use data." + actual.sectionKey() + ")");
        }
    }

    private void checkPretrained(RnnkitConfig c, DataFamily f) {
        PretrainedEmbeddingsConfig p = c.data().pretrainedEmbeddings();
        String path = "data.pretrained_embeddings";
        if (p.path() == null || p.path().isBlank()) {
            fail(path + ".path", "is required: the word-vector file, relative to the data directory");
        }
        if (c.input().type() != InputType.EMBEDDING || (f != DataFamily.TEXT_CLASSIFICATION && f != DataFamily.TAGGING)) {
            fail(path, "needs input.type embedding with text classification or tagging data");
        } else if (c.data().tokenizer().level() != TokenizerConfig.Level.WORD) {
            fail(path, "needs word-level tokens (data.tokenizer.level: word); word vectors do not cover characters");
        }
    }

    private void checkTextData(TextDataConfig t) {
        checkDelimitedFile("data.text", t.delimiter(), t.quote(), t.maxLength(), t.header(),
                "text_column", t.textColumn(), "label_column", t.labelColumn());
    }

    private void checkSeq2SeqData(RnnkitConfig c) {
        Seq2SeqDataConfig s = c.data().seq2seqOrDefaults();
        String p = "data.seq2seq";
        if (s.sourceLang() == null && s.targetLang() == null) {
            checkDelimitedFile(p, s.delimiter(), s.quote(), s.maxLength(), s.header(),
                    "source_column", s.sourceColumn(), "target_column", s.targetColumn());
        } else {
            checkLanguages(s);
        }
        Integer length = c.output().outputLength();
        if (length != null && length == 1) {
            fail("output.output_length", "must be >= 2 for seq2seq data: every target ends with the end token </s>, "
                    + "so a length of 1 leaves no room for target tokens");
        }
        Integer classes = c.output().numClasses();
        if (classes != null && classes >= 2 && classes < 4) {
            fail("output.num_classes", "must be >= 4 for seq2seq data (ids 0-2 are padding, unknown and </s>), got " + classes
                    + "; omit it to take the target vocabulary from the data");
        }
    }

    /** Line-aligned files: both suffixes, distinct and usable in a file name, and no delimited-file key. */
    private void checkLanguages(Seq2SeqDataConfig s) {
        String p = "data.seq2seq";
        if (s.sourceLang() == null || s.targetLang() == null) {
            fail(p + (s.sourceLang() == null ? ".source_lang" : ".target_lang"), "is required with "
                    + (s.sourceLang() == null ? "target_lang" : "source_lang") + ": line-aligned files need both suffixes, or neither for a delimited file");
        }
        for (String key : List.of("source_lang", "target_lang")) {
            String lang = key.equals("source_lang") ? s.sourceLang() : s.targetLang();
            if (lang != null && (lang.isBlank() || lang.contains("/") || lang.contains("\\"))) {
                fail(p + "." + key, "must be a file-name suffix such as en, got '" + lang + "'");
            }
        }
        if (s.sourceLang() != null && s.sourceLang().equals(s.targetLang())) {
            fail(p + ".target_lang", "is the same as source_lang ('" + s.targetLang() + "'); both sides would read one file");
        }
        atLeast(p + ".max_length", s.maxLength(), 1);
        Object[] delimitedKeys = {"source_column", s.sourceColumn(), "target_column", s.targetColumn(), "header", s.header(),
                "delimiter", s.delimiter(), "quote", s.quote()};
        for (int i = 0; i < delimitedKeys.length; i += 2) {
            if (delimitedKeys[i + 1] != null) {
                fail(p + "." + delimitedKeys[i], "applies to a delimited file of pairs; with source_lang/target_lang each side "
                        + "is its own file, one example per line");
            }
        }
    }

    /** The rules shared by the delimited-file families: one-character separators, columns, length. */
    private void checkDelimitedFile(String p, String delimiter, String quote, Integer maxLength, boolean header,
                                    String firstKey, ColumnRef first, String secondKey, ColumnRef second) {
        oneChar(p + ".delimiter", delimiter);
        oneChar(p + ".quote", quote);
        atLeast(p + ".max_length", maxLength, 1);
        columnIndex(p + "." + firstKey, first);
        columnIndex(p + "." + secondKey, second);
        if (first.equals(second)) {
            fail(p + "." + secondKey, "is the same column as " + firstKey + " (" + second + ")");
        }
        if (!header && (first.name() != null || second.name() != null)) {
            fail(p + ".header", "is false, so columns must be given by 0-based index, not by name");
        }
    }

    private void checkTaggingData(TaggingDataConfig t) {
        String p = "data.tagging";
        oneChar(p + ".delimiter", t.delimiter());
        atLeast(p + ".max_length", t.maxLength(), 1);
        if (t.tokenColumn().equals(t.tagColumn())) {
            fail(p + ".tag_column", "is the same column as token_column (" + t.tagColumn() + ")");
        }
    }

    private void checkTimeSeriesData(DataConfig d, OutputType output) {
        String p = "data.time_series";
        TimeSeriesDataConfig t = d.timeSeries();
        if (t == null) {
            fail(p, "is required for time-series data: at least target_columns and lookback");
            return;
        }
        if (t.targetColumns().isEmpty()) {
            fail(p + ".target_columns", "is required: the numeric columns to predict, e.g. [Temp]");
        }
        if (t.lookback() == null) {
            fail(p + ".lookback", "is required: the steps of history in each window, e.g. 30");
        } else {
            between(p + ".lookback", t.lookback(), 1, 1_000_000);
        }
        atLeast(p + ".season", t.season(), 1);
        between(p + ".stride", t.stride(), 1, 1_000_000);
        if (t.windowNormalization() != TimeSeriesDataConfig.WindowNormalization.NONE && output != OutputType.FORECAST) {
            fail(p + ".window_normalization", "applies to forecasts (output.type: forecast), not " + output.yamlName());
        }
        oneChar(p + ".delimiter", t.delimiter());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<String> cols : List.of(t.timestampColumns(), t.targetColumns(), t.covariateColumns(), t.categoricalColumns())) {
            for (String col : cols) {
                if (!seen.add(col)) {
                    fail(p, "column '" + col + "' is listed twice; each column has one role (timestamp, target, covariate or categorical)");
                }
            }
        }
        if ((t.validationStart() != null || t.testStart() != null) && t.timestampColumns().isEmpty()) {
            fail(p + ".timestamp_columns", "is required when validation_start or test_start split the series by time");
        }
        boolean byTime = t.validationStart() != null || t.testStart() != null;
        if (byTime && (d.validationSplit() > 0 || d.testSplit() > 0)) {
            fail(p + (t.validationStart() != null ? ".validation_start" : ".test_start"),
                    "split the series either by time (validation_start, test_start) or by fractions (validation_split, test_split), not both");
        }
        if (t.validationStart() != null && d.validation() != null) {
            fail(p + ".validation_start", "set either data.validation (a file) or validation_start, not both");
        }
        if (t.testStart() != null && d.test() != null) {
            fail(p + ".test_start", "set either data.test (a file) or test_start, not both");
        }
        if (t.end() != null && (t.testStart() == null || t.end().compareTo(t.testStart()) <= 0)) {
            fail(p + ".end", t.testStart() == null ? "needs test_start: end cuts the series after the test period"
                    : "must come after test_start ('" + t.testStart() + "'), got '" + t.end() + "'");
        }
        if (t.validationStart() != null && t.testStart() != null && t.validationStart().compareTo(t.testStart()) >= 0) {
            fail(p + ".test_start", "must come after validation_start ('" + t.validationStart() + "'), got '" + t.testStart() + "'");
        }
    }

    private static boolean inFraction(double v) {
        return v >= 0 && v < 1;
    }

    private void fraction(String path, double v) {
        if (v < 0 || v >= 1) {
            fail(path, "must be in [0, 1) (a fraction of the training rows), got " + v);
        }
    }

    private void oneChar(String path, String v) {
        if (v != null && v.length() != 1) {
            fail(path, "must be exactly one character (write a tab as \"\\t\"), got '" + v + "'");
        }
    }

    private void columnIndex(String path, ColumnRef col) {
        if (col.index() != null && col.index() < 0) {
            fail(path, "must be a column name or a 0-based index >= 0, got " + col.index());
        }
    }

    // ---- small rules ----

    private void decayFactor(String path, Double v) {
        if (v != null && (v <= 0 || v > 1)) {
            fail(path, "must be in (0, 1] (the factor the rate is multiplied by), got " + v);
        }
    }

    private void required(String path, Object v, String schedule) {
        if (v == null) {
            fail(path, "is required for a " + schedule + " schedule");
        }
    }

    /** An attention decoder: one unidirectional LSTM over embedded tokens, on an engine that decodes locally. */
    private void checkAttentionDecoder(RnnkitConfig c, OutputConfig o) {
        SourceAttentionConfig a = o.attention();
        String p = "output.attention";
        between(p + ".size", a.size(), 1, 65_536);
        between(p + ".beam_size", a.beamSize(), 1, 100);
        if (a.lengthPenalty() < 0 || a.lengthPenalty() > 5 || a.lengthPenalty().isNaN()) {
            fail(p + ".length_penalty", "must be between 0 (none) and 5, got " + a.lengthPenalty());
        }
        if (a.score() != AttentionScore.ADDITIVE) {
            notFor(p + ".size", a.size(), "applies to score additive only (the hidden size of its scorer)");
        }
        if (o.decoder().size() != 1) {
            fail("output.decoder", "an attention decoder is one LSTM layer, e.g. '- {cell_type: lstm, state_size: 256}'; got "
                    + o.decoder().size() + " layers");
        } else {
            RecurrentLayerConfig d = o.decoder().get(0);
            if (d.cellType() != CellType.LSTM) {
                fail("output.decoder[0].cell_type", "must be lstm for an attention decoder, got " + d.cellType().yamlName());
            }
            if (d.bidirectional()) {
                fail("output.decoder[0].bidirectional", "must be false: a decoder produces one token after another");
            }
            if (a.score() == AttentionScore.DOT && !c.encoder().isEmpty() && c.expandedEncoder().get(c.expandedEncoder().size() - 1).outputSize() != d.stateSize()) {
                fail(p + ".score", "dot needs the decoder's state_size (" + d.stateSize() + ") equal to the encoder's output width ("
                        + c.expandedEncoder().get(c.expandedEncoder().size() - 1).outputSize() + "); use general or additive, or match the sizes");
            }
        }
        if (c.input() != null && c.input().type() != InputType.EMBEDDING) {
            fail("input.type", "must be embedding for an attention decoder (it embeds target tokens as the encoder embeds source tokens)");
        }
        notFor("output.reduce_output", o.reduceOutput(), "does not apply with an attention decoder: the decoder attends over every encoder step");
        if (!c.fcLayers().isEmpty()) {
            fail("fc_layers", "do not apply with an attention decoder: its attentional state goes straight to the softmax");
        }
        if (c.training() != null && c.training().engine() == EngineType.SPARK) {
            fail("training.engine", "spark cannot decode an attention seq2seq model on its workers; use local or parallel");
        }
    }

    private void atLeast(String path, Integer v, int min) {
        if (v != null && v < min) {
            fail(path, "must be >= " + min + ", got " + v);
        }
    }

    private void between(String path, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            fail(path, "must be between " + min + " and " + max + ", got " + v);
        }
    }

    private void probability(String path, Double v) {
        if (v != null && (v < 0 || v >= 1)) {
            fail(path, "must be in [0, 1) (the probability of dropping a unit), got " + v);
        }
    }

    private void nonNegative(String path, Double v) {
        if (v != null && v < 0) {
            fail(path, "must be >= 0, got " + v);
        }
    }

    private void notFor(String path, Object v, String why) {
        if (v != null) {
            fail(path, why);
        }
    }
}
