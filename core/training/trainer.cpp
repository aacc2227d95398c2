#include "training/trainer.h"

#include "models/family_registry.h"

#include "base/error.h"
#include "base/process_group.h"
#include "models/native_members.h"
#include "models/network.h"
#include "training/evaluation.h"
#include "training/trainer_detail.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace soilscope::training {

namespace {

/// Restores LibTorch's global thread count and determinism flag when training ends.
class GlobalStateGuard {
  public:
    explicit GlobalStateGuard(const TrainSettings& s)
        : m_threads(torch::get_num_threads()),
          m_deterministic(at::globalContext().deterministicAlgorithms()) {
        // Setting the count rebuilds LibTorch's thread pools (threads joined and respawned):
        // only when it changes.
        // Processes sharing the machine (mpirun) share its cores unless told otherwise.
        const int share = processorShare();
        const bool shared = share < int(std::max(1u, std::thread::hardware_concurrency()));
        const int threads = s.threads > 0 ? s.threads : shared ? share : 0;
        if (threads > 0 && threads != m_threads)
            torch::set_num_threads(threads);
        if (s.deterministic)
            at::globalContext().setDeterministicAlgorithms(true, false);
    }
    ~GlobalStateGuard() {
        if (torch::get_num_threads() != m_threads)
            torch::set_num_threads(m_threads);
        at::globalContext().setDeterministicAlgorithms(m_deterministic, false);
    }
    GlobalStateGuard(const GlobalStateGuard&) = delete;
    GlobalStateGuard& operator=(const GlobalStateGuard&) = delete;

  private:
    int m_threads;
    bool m_deterministic;
};

/// Rows whose target is valid and finite (native estimators cannot mask).
features::Dataset validRows(const features::Dataset& d) {
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < d.sampleCount(); ++i)
        if ((d.targetMask.empty() || d.targetMask[i]) && std::isfinite(d.y[i]))
            keep.push_back(i);
    if (keep.size() == d.sampleCount())
        return d;
    return d.subset(keep);
}

void checkLayout(const models::ModelSpec& spec, const features::Dataset& d,
                 const std::string& what) {
    d.checkConsistent(what + " data");
    const std::string layout = models::expectedLayout(spec.family);
    const auto fs = d.featureShape.size();
    const bool ok = (layout == "tabular" && (spec.family == "mlp" || fs == 1)) ||
                    (layout == "sequence" && fs == 2) || (layout == "image" && fs == 3);
    if (!ok)
        throw Error("model " + spec.family + " needs " + layout + " samples, the " + what +
                        " data has " + std::to_string(fs) + "-D features",
                    "training");
}

} // namespace

bool cudaAvailable() {
    return models::cudaAvailable();
}

std::string resolveDevice(const std::string& request) {
    if (request == "cpu")
        return "cpu";
    if (request == "cuda") {
        if (!cudaAvailable())
            throw Error("CUDA was requested but this LibTorch build sees no CUDA device",
                        "training device");
        return "cuda";
    }
    if (request == "auto")
        return cudaAvailable() ? "cuda" : "cpu";
    throw Error("unknown device '" + request + "' (auto, cpu, cuda)", "training device");
}

namespace detail {

MemberOutcome fitNativeMember(const models::ModelSpec& spec, const TrainSettings& settings,
                              const features::Dataset& trainIn,
                              const features::Dataset* validationIn, int member, int members,
                              Feedback& feedback) {
    const features::Dataset train = validRows(trainIn);
    if (train.sampleCount() == 0)
        throw Error("no valid training targets", "training");
    features::Dataset validation;
    if (validationIn)
        validation = validRows(*validationIn);
    const bool hasValidation = validationIn && validation.sampleCount() > 0;
    MemberOutcome out;
    const unsigned long long seed = settings.seed + std::uint64_t(member);
    if (feedback.isCanceled())
        throw CanceledError();
    if (spec.family == "svr" || models::pluginFamily(spec.family)) {
        const auto started = std::chrono::steady_clock::now();
        out.member =
            spec.family == "svr"
                ? models::fitSvr(spec, train)
                : models::fitPluginMember(spec,
                                          {train.x.data(), train.y.data(), train.sampleCount(),
                                           train.featureSize(), train.targetSize()},
                                          seed);
        EpochReport r{member, 1, 1, {}};
        r.values["train_rmse"] =
            pooledMetrics(out.member->predict(train.x.data(), train.sampleCount()), train.y)
                .at("rmse");
        if (hasValidation)
            r.values["val_rmse"] =
                pooledMetrics(out.member->predict(validation.x.data(), validation.sampleCount()),
                              validation.y)
                    .at("rmse");
        r.values["seconds"] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out.history.push_back(r);
        reportEpoch(feedback, r);
        out.epochsRun = 1;
        out.bestEpoch = hasValidation ? 1 : 0;
    } else {
        const int rounds = spec.family == "xgboost" ? int(spec.params["n_estimators"]) : 1;
        auto callback = [&](int round, const std::map<std::string, double>& values) {
            EpochReport r{member, round, rounds, values};
            out.history.push_back(r);
            reportEpoch(feedback, r);
            feedback.setProgress(overallPercent(member, members, double(round) / rounds));
            out.epochsRun = round;
            return feedback.isCanceled();
        };
        out.member = models::fitXGBoost(spec, train, hasValidation ? &validation : nullptr, seed,
                                        settings.threads, callback);
    }
    return out;
}

} // namespace detail

TrainResult train(const models::ModelSpec& specIn, const TrainSettings& settings,
                  const features::Dataset& trainData, const features::Dataset* validation,
                  Feedback& feedback) {
    settings.check();
    const models::ModelSpec spec = models::resolveSpec(specIn);
    checkLayout(spec, trainData, "training");
    if (validation) {
        checkLayout(spec, *validation, "validation");
        if (validation->featureShape != trainData.featureShape ||
            validation->targetShape != trainData.targetShape)
            throw Error("validation samples have another shape than training samples", "training");
    }
    const auto started = std::chrono::steady_clock::now();
    GlobalStateGuard guard(settings);
    TrainResult result;
    const bool neural = models::isNeuralFamily(spec.family);
    result.device = neural ? resolveDevice(settings.device) : "cpu";
    std::vector<std::shared_ptr<models::ModelMember>> members;
    for (int m = 0; m < settings.ensemble; ++m) {
        detail::MemberOutcome outcome;
        try {
            outcome = neural
                          ? detail::trainNetworkMember(spec, settings, trainData, validation, m,
                                                       settings.ensemble, result.device, feedback)
                          : detail::fitNativeMember(spec, settings, trainData, validation, m,
                                                    settings.ensemble, feedback);
        } catch (const c10::Error& e) {
            throw Error(std::string("LibTorch failed: ") + e.what_without_backtrace(),
                        "training " + spec.family);
        }
        members.push_back(outcome.member);
        result.history.insert(result.history.end(), outcome.history.begin(), outcome.history.end());
        result.bestEpoch = outcome.bestEpoch;
        result.epochsRun = outcome.epochsRun;
        result.earlyStopped = outcome.earlyStopped;
        result.backend = outcome.backend;
    }
    result.model = models::TrainedModel(spec, trainData.featureShape, trainData.targetShape,
                                        std::move(members));
    if (result.device == "cuda")
        result.model.to("cpu");
    feedback.setProgress(100.0);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace soilscope::training
