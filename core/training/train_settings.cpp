#include "training/train_settings.h"

#include "base/error.h"

#include <cmath>

namespace soilscope::training {

namespace {

template <class T> void read(const nlohmann::json& j, const char* key, T& out) {
    if (!j.contains(key))
        return;
    try {
        out = j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("bad value for '") + key + "': " + j.at(key).dump(),
                    "training settings");
    }
}

void requireIn(const std::string& value, std::initializer_list<const char*> choices,
               const std::string& what) {
    for (const char* c : choices)
        if (value == c)
            return;
    throw Error("unknown " + what + " '" + value + "'", "training settings");
}

} // namespace

nlohmann::json TrainSettings::toJson() const {
    return {
        {"optimizer",
         {{"name", optimizer.name},
          {"lr", optimizer.learningRate},
          {"beta1", optimizer.beta1},
          {"beta2", optimizer.beta2},
          {"eps", optimizer.eps},
          {"weight_decay", optimizer.weightDecay},
          {"amsgrad", optimizer.amsgrad},
          {"momentum", optimizer.momentum},
          {"dampening", optimizer.dampening},
          {"nesterov", optimizer.nesterov}}},
        {"scheduler",
         {{"kind", scheduler.kind},
          {"step_size", scheduler.stepSize},
          {"gamma", scheduler.gamma},
          {"min_lr", scheduler.minLearningRate},
          {"max_lr", scheduler.maxLearningRate},
          {"cosine_period", scheduler.cosinePeriod}}},
        {"loss",
         {{"kind", loss.kind},
          {"huber_delta", loss.huberDelta},
          {"bounds_weight", loss.boundsWeight},
          {"lower_bound", loss.lowerBound},
          {"upper_bound", loss.upperBound}}},
        {"epochs", epochs},
        {"batch_size", batchSize},
        {"shuffle", shuffle},
        {"patience", patience},
        {"min_delta", minDelta},
        {"restore_best", restoreBest},
        {"seed", seed},
        {"deterministic", deterministic},
        {"device", device},
        {"backend", backend},
        {"precision", precision},
        {"threads", threads},
        {"ensemble", ensemble},
        {"checkpoint_dir", checkpointDir.string()},
        {"resume", resume},
        {"accuracy",
         {{"tolerance", accuracy.tolerance}, {"min", accuracy.min}, {"max", accuracy.max}}},
    };
}

TrainSettings TrainSettings::fromJson(const nlohmann::json& j) {
    if (!j.is_object())
        throw Error("training settings must be a JSON object", "training settings");
    TrainSettings s;
    if (j.contains("optimizer")) {
        const auto& o = j["optimizer"];
        read(o, "name", s.optimizer.name);
        read(o, "lr", s.optimizer.learningRate);
        read(o, "beta1", s.optimizer.beta1);
        read(o, "beta2", s.optimizer.beta2);
        read(o, "eps", s.optimizer.eps);
        read(o, "weight_decay", s.optimizer.weightDecay);
        read(o, "amsgrad", s.optimizer.amsgrad);
        read(o, "momentum", s.optimizer.momentum);
        read(o, "dampening", s.optimizer.dampening);
        read(o, "nesterov", s.optimizer.nesterov);
    }
    if (j.contains("scheduler")) {
        const auto& o = j["scheduler"];
        read(o, "kind", s.scheduler.kind);
        read(o, "step_size", s.scheduler.stepSize);
        read(o, "gamma", s.scheduler.gamma);
        read(o, "min_lr", s.scheduler.minLearningRate);
        read(o, "max_lr", s.scheduler.maxLearningRate);
        read(o, "cosine_period", s.scheduler.cosinePeriod);
    }
    if (j.contains("loss")) {
        const auto& o = j["loss"];
        read(o, "kind", s.loss.kind);
        read(o, "huber_delta", s.loss.huberDelta);
        read(o, "bounds_weight", s.loss.boundsWeight);
        read(o, "lower_bound", s.loss.lowerBound);
        read(o, "upper_bound", s.loss.upperBound);
    }
    read(j, "epochs", s.epochs);
    read(j, "batch_size", s.batchSize);
    read(j, "shuffle", s.shuffle);
    read(j, "patience", s.patience);
    read(j, "min_delta", s.minDelta);
    read(j, "restore_best", s.restoreBest);
    read(j, "seed", s.seed);
    read(j, "deterministic", s.deterministic);
    read(j, "device", s.device);
    read(j, "backend", s.backend);
    read(j, "precision", s.precision);
    read(j, "threads", s.threads);
    read(j, "ensemble", s.ensemble);
    std::string dir;
    read(j, "checkpoint_dir", dir);
    s.checkpointDir = dir;
    read(j, "resume", s.resume);
    if (j.contains("accuracy")) {
        const auto& o = j["accuracy"];
        read(o, "tolerance", s.accuracy.tolerance);
        read(o, "min", s.accuracy.min);
        read(o, "max", s.accuracy.max);
    }
    s.check();
    return s;
}

void TrainSettings::check() const {
    requireIn(optimizer.name, {"adam", "adamw", "sgd"}, "optimizer");
    requireIn(scheduler.kind, {"none", "step", "cosine", "cyclic"}, "scheduler");
    requireIn(loss.kind, {"mse", "mae", "huber"}, "loss");
    requireIn(device, {"auto", "cpu", "cuda"}, "device");
    requireIn(backend, {"auto", "autograd", "manual"}, "backend");
    requireIn(precision, {"fp32", "bf16"}, "precision");
    auto need = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error(what, "training settings");
    };
    need(epochs >= 1, "epochs must be at least 1");
    need(std::isfinite(accuracy.tolerance) && accuracy.tolerance >= 0.0,
         "accuracy tolerance must be 0 (off) or positive");
    need(std::isfinite(accuracy.min) && std::isfinite(accuracy.max),
         "accuracy min and max must be finite");
    need(batchSize >= 1, "batch size must be at least 1");
    need(optimizer.learningRate > 0, "learning rate must be positive");
    need(optimizer.eps > 0, "eps must be positive");
    need(optimizer.beta1 >= 0 && optimizer.beta1 < 1 && optimizer.beta2 >= 0 && optimizer.beta2 < 1,
         "betas must lie in [0, 1)");
    need(optimizer.weightDecay >= 0, "weight decay must not be negative");
    need(patience >= 0, "patience must not be negative");
    need(scheduler.stepSize >= 1, "scheduler step size must be at least 1");
    need(scheduler.kind != "cyclic" || scheduler.maxLearningRate > scheduler.minLearningRate,
         "cyclic schedule needs max_lr > min_lr");
    need(loss.huberDelta > 0, "huber delta must be positive");
    need(loss.boundsWeight >= 0 && loss.upperBound > loss.lowerBound,
         "bounds penalty needs weight ≥ 0 and upper > lower");
    need(threads >= 0, "threads must not be negative");
    need(ensemble >= 1, "ensemble needs at least one member");
    need(!resume || !checkpointDir.empty(), "resume needs a checkpoint folder");
}

} // namespace soilscope::training
