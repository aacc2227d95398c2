#include "training/setting_specs.h"

#include "training/split_scheme.h"
#include "training/train_settings.h"

#include <limits>

namespace soilscope::training {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

ParameterSpec withEnabled(ParameterSpec spec, std::string when) {
    spec.enabledWhen = std::move(when);
    return spec;
}

ParameterSpec advanced(ParameterSpec spec) {
    spec.advanced = true;
    return spec;
}
} // namespace

std::vector<ParameterSpec> trainingSettingSpecs() {
    const TrainSettings d;
    const OptimizerSettings& o = d.optimizer;
    const SchedulerSettings& s = d.scheduler;
    const LossSettings& l = d.loss;
    return {
        intParam("training.epochs", "passes over the training samples", d.epochs, 1, 1e6),
        intParam("training.batch_size", "samples per gradient step", d.batchSize, 1, 1e7),
        boolParam("training.shuffle", "shuffle the training samples every epoch", d.shuffle),
        intParam("training.patience",
                 "early stopping: epochs without validation improvement (0 = off)", d.patience, 0,
                 1e6),
        doubleParam("training.min_delta", "early stopping: improvement that resets the patience",
                    d.minDelta, 0, kInf),
        boolParam("training.restore_best", "restore the weights of the best validation epoch",
                  d.restoreBest),
        intParam("training.seed", "random seed of initialisation, shuffling and dropout",
                 static_cast<long long>(d.seed), 0, 9.2e18),
        advanced(boolParam("training.deterministic",
                           "deterministic algorithms (one intra-op thread unless set)",
                           d.deterministic)),
        choiceParam("training.device", "where to train: auto (CUDA when there is one), cpu or cuda",
                    deviceChoices(), d.device),
        choiceParam("training.backend",
                    "back-propagation: auto (hand-written where it covers the model: MLP, LSTM, "
                    "WCM-LSTM on the "
                    "CPU), autograd (LibTorch), manual (hand-written; a warning where it cannot)",
                    {"auto", "autograd", "manual"}, d.backend),
        advanced(choiceParam("training.precision",
                             "fp32, or bf16 mixed precision (LibTorch autocast: the forward pass "
                             "in bfloat16 where safe, weights and optimiser state in fp32; "
                             "autograd only)",
                             {"fp32", "bf16"}, d.precision)),
        advanced(intParam("training.threads", "CPU threads of LibTorch (0 = leave as is)",
                          d.threads, 0, 1024)),
        intParam("training.ensemble", "members trained with seeds seed, seed+1, ...", d.ensemble, 1,
                 1000),
        choiceParam("training.optimizer.name", "optimiser", {"adam", "adamw", "sgd"}, o.name),
        doubleParam("training.optimizer.lr", "learning rate", o.learningRate, 0, kInf),
        doubleParam("training.optimizer.beta1", "Adam β1", o.beta1, 0, 0.999999),
        doubleParam("training.optimizer.beta2", "Adam β2", o.beta2, 0, 0.999999),
        doubleParam("training.optimizer.eps", "Adam ε (Keras uses 1e-7, PyTorch 1e-8)", o.eps, 0,
                    kInf),
        doubleParam("training.optimizer.weight_decay", "L2 weight decay (decoupled for adamw)",
                    o.weightDecay, 0, kInf),
        advanced(boolParam("training.optimizer.amsgrad", "AMSGrad variant of Adam", o.amsgrad)),
        withEnabled(doubleParam("training.optimizer.momentum", "SGD momentum", o.momentum, 0, kInf),
                    "training.optimizer.name=sgd"),
        withEnabled(
            doubleParam("training.optimizer.dampening", "SGD dampening", o.dampening, 0, kInf),
            "training.optimizer.name=sgd"),
        withEnabled(
            boolParam("training.optimizer.nesterov", "SGD with Nesterov momentum", o.nesterov),
            "training.optimizer.name=sgd"),
        choiceParam("training.scheduler.kind",
                    "learning-rate schedule (step and cosine per epoch, cyclic per batch)",
                    {"none", "step", "cosine", "cyclic"}, s.kind),
        intParam("training.scheduler.step_size",
                 "step: epochs per decay; cyclic: batches per half cycle", s.stepSize, 1, 1e9),
        withEnabled(doubleParam("training.scheduler.gamma", "step: decay factor", s.gamma, 0, kInf),
                    "training.scheduler.kind=step"),
        doubleParam("training.scheduler.min_lr", "cosine floor; cyclic lower bound",
                    s.minLearningRate, 0, kInf),
        withEnabled(doubleParam("training.scheduler.max_lr", "cyclic upper bound",
                                s.maxLearningRate, 0, kInf),
                    "training.scheduler.kind=cyclic"),
        withEnabled(intParam("training.scheduler.cosine_period",
                             "cosine: epochs per period (0 = the epoch count)", s.cosinePeriod, 0,
                             1e9),
                    "training.scheduler.kind=cosine"),
        choiceParam("training.loss.kind", "loss", {"mse", "mae", "huber"}, l.kind),
        withEnabled(doubleParam("training.loss.huber_delta", "Huber δ", l.huberDelta, 0, kInf),
                    "training.loss.kind=huber"),
        doubleParam("training.loss.bounds_weight",
                    "weight λ of the hinge on predictions outside [lower, upper] (0 = off)",
                    l.boundsWeight, 0, kInf),
        doubleParam("training.loss.lower_bound", "lower bound of the hinge", l.lowerBound),
        doubleParam("training.loss.upper_bound", "upper bound of the hinge", l.upperBound),
        advanced(stringParam("training.checkpoint_dir", "folder of checkpoints (empty = none)",
                             d.checkpointDir.string())),
        advanced(boolParam("training.resume", "continue from the checkpoint folder", d.resume)),
        advanced(doubleParam("training.accuracy.tolerance",
                             "per-epoch validation accuracy: |estimate − target| below this, in "
                             "target units (0 = not recorded)",
                             d.accuracy.tolerance, 0, kInf)),
        advanced(doubleParam("training.accuracy.min",
                             "accuracy: the estimate must be at least this (when min < max)",
                             d.accuracy.min)),
        advanced(doubleParam("training.accuracy.max",
                             "accuracy: the estimate must be at most this (when min < max)",
                             d.accuracy.max)),
    };
}

std::vector<ParameterSpec> splitSettingSpecs() {
    const SplitSettings d;
    return {
        choiceParam("split.scheme", "how samples are split into training, validation and test",
                    {"random", "temporal", "spatial", "leave_station_out", "group_kfold",
                     "cluster_kfold", "none"},
                    d.scheme),
        withEnabled(
            doubleParam("split.test_fraction", "share of samples in test", d.testFraction, 0, 1),
            "split.scheme=random"),
        doubleParam("split.validation_fraction",
                    "share of the training part held out for validation", d.validationFraction, 0,
                    1),
        choiceParam("split.validation_by",
                    "grouping of the validation hold-out (auto = the scheme's)",
                    {"auto", "sample", "station", "cell", "user"}, d.validationBy),
        withEnabled(listParam("split.test_years", "temporal: test = the samples of these years"),
                    "split.scheme=temporal"),
        withEnabled(stringParam("split.test_from", "temporal: first test date (ISO, inclusive)",
                                d.testFrom),
                    "split.scheme=temporal"),
        withEnabled(
            stringParam("split.test_to", "temporal: last test date (ISO, inclusive)", d.testTo),
            "split.scheme=temporal"),
        withEnabled(
            intParam("split.test_cells", "spatial: cells left out per fold", d.testCells, 1, 1e6),
            "split.scheme=spatial"),
        intParam("split.folds", "k of group_kfold / cluster_kfold; spatial: folds drawn", d.folds,
                 1, 1e6),
        withEnabled(choiceParam("split.group_by", "group_kfold key",
                                {"user", "station", "cell", "network", "land_cover", "year"},
                                d.groupBy),
                    "split.scheme=group_kfold"),
        withEnabled(intParam("split.grid_width",
                             "cluster_kfold: width of the grid behind the cell labels", d.gridWidth,
                             0, 1e9),
                    "split.scheme=cluster_kfold"),
        withEnabled(intParam("split.max_folds",
                             "leave_station_out: at most this many folds (0 = all)", d.maxFolds, 0,
                             1e9),
                    "split.scheme=leave_station_out"),
        intParam("split.repeats", "repeats, re-drawn with seed, seed+1, ...", d.repeats, 1, 1e6),
        intParam("split.seed", "random seed of the split", static_cast<long long>(d.seed), 0,
                 9.2e18),
    };
}

} // namespace soilscope::training
