// The gradient loop: optimiser, schedule, masked loss, early stopping, checkpoints, resume.
#include "base/atomic_file.h"
#include "base/error.h"
#include "models/network.h"
#include "training/fast_training_path.h"
#include "training/losses.h"
#include "training/trainer_detail.h"

#include <ATen/autocast_mode.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>

namespace soilscope::training::detail {

namespace {

/// LibTorch autocast to bfloat16 for one forward pass (training.precision = bf16) on the CPU or
/// a CUDA device; does nothing when off.
class BFloat16Autocast {
  public:
    BFloat16Autocast(bool on, const std::string& device) : m_on(on), m_cuda(device == "cuda") {
        if (!m_on)
            return;
        if (m_cuda) {
            m_was = at::autocast::is_enabled();
            at::autocast::set_enabled(true);
            at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
        } else {
            m_was = at::autocast::is_cpu_enabled();
            at::autocast::set_cpu_enabled(true);
            at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        }
        at::autocast::increment_nesting();
    }
    ~BFloat16Autocast() {
        if (!m_on)
            return;
        if (at::autocast::decrement_nesting() == 0)
            at::autocast::clear_cache();
        if (m_cuda)
            at::autocast::set_enabled(m_was);
        else
            at::autocast::set_cpu_enabled(m_was);
    }
    BFloat16Autocast(const BFloat16Autocast&) = delete;
    BFloat16Autocast& operator=(const BFloat16Autocast&) = delete;

  private:
    bool m_on, m_cuda, m_was = false;
};

namespace fs = std::filesystem;

struct Tensors {
    torch::Tensor x, y, mask; // mask undefined when every target is valid
    std::int64_t n = 0;
};

Tensors toTensors(const features::Dataset& d, const torch::Device& device) {
    Tensors t;
    t.n = std::int64_t(d.sampleCount());
    std::vector<std::int64_t> xs{t.n}, ys{t.n};
    xs.insert(xs.end(), d.featureShape.begin(), d.featureShape.end());
    ys.insert(ys.end(), d.targetShape.begin(), d.targetShape.end());
    t.x = torch::from_blob(const_cast<float*>(d.x.data()), xs, torch::kFloat32).clone();
    t.y = torch::from_blob(const_cast<float*>(d.y.data()), ys, torch::kFloat32).clone();
    auto valid = torch::isfinite(t.y);
    if (!d.targetMask.empty())
        valid = valid &
                torch::from_blob(const_cast<std::uint8_t*>(d.targetMask.data()), ys, torch::kUInt8)
                    .to(torch::kBool);
    if (!valid.all().item<bool>()) {
        t.mask = valid.to(torch::kFloat32).to(device);
        t.y = torch::where(valid, t.y, torch::zeros_like(t.y));
    }
    t.x = t.x.to(device);
    t.y = t.y.to(device);
    return t;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerSettings& o,
                                                       std::vector<torch::Tensor> params) {
    if (o.name == "adamw")
        return std::make_unique<torch::optim::AdamW>(params,
                                                     torch::optim::AdamWOptions(o.learningRate)
                                                         .betas({o.beta1, o.beta2})
                                                         .eps(o.eps)
                                                         .weight_decay(o.weightDecay)
                                                         .amsgrad(o.amsgrad));
    if (o.name == "sgd")
        return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(o.learningRate)
                                                               .momentum(o.momentum)
                                                               .dampening(o.dampening)
                                                               .weight_decay(o.weightDecay)
                                                               .nesterov(o.nesterov));
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(o.learningRate)
                                                            .betas({o.beta1, o.beta2})
                                                            .eps(o.eps)
                                                            .weight_decay(o.weightDecay)
                                                            .amsgrad(o.amsgrad));
}

using State = std::map<std::string, torch::Tensor>;

State snapshot(torch::nn::Module& m) {
    State s;
    for (const auto& p : m.named_parameters(true))
        s[p.key()] = p.value().detach().clone();
    for (const auto& b : m.named_buffers(true))
        s["buffer:" + b.key()] = b.value().detach().clone();
    return s;
}

void restore(torch::nn::Module& m, const State& s) {
    torch::NoGradGuard guard;
    for (auto& p : m.named_parameters(true))
        p.value().copy_(s.at(p.key()));
    for (auto& b : m.named_buffers(true))
        b.value().copy_(s.at("buffer:" + b.key()));
}

/// Progress of one member that survives a checkpoint.
struct Progress {
    int epoch = 0;      // last finished epoch
    long long step = 0; // global batch counter (cyclic schedule)
    double bestLoss = std::numeric_limits<double>::infinity();
    int bestEpoch = 0;
    int waited = 0;
    bool finished = false;
    bool earlyStopped = false;
    nlohmann::json history = nlohmann::json::array();
};

nlohmann::json reportJson(const EpochReport& r) {
    return {{"member", r.member}, {"epoch", r.epoch}, {"epochs", r.epochs}, {"values", r.values}};
}

EpochReport reportFromJson(const nlohmann::json& j) {
    EpochReport r;
    r.member = j.at("member");
    r.epoch = j.at("epoch");
    r.epochs = j.at("epochs");
    r.values = j.at("values").get<std::map<std::string, double>>();
    return r;
}

void saveCheckpoint(const fs::path& file, torch::nn::Module& module,
                    torch::optim::Optimizer& optimizer, const State& best, const Progress& p,
                    const nlohmann::json& identity) {
    torch::serialize::OutputArchive root, mod, opt, bestArchive;
    module.save(mod);
    optimizer.save(opt);
    for (const auto& [name, t] : best)
        bestArchive.write(name, t);
    root.write("module", mod);
    root.write("optimizer", opt);
    root.write("best", bestArchive);
    const nlohmann::json meta = {{"identity", identity},
                                 {"epoch", p.epoch},
                                 {"step", p.step},
                                 {"best_loss", p.bestLoss},
                                 {"best_epoch", p.bestEpoch},
                                 {"waited", p.waited},
                                 {"finished", p.finished},
                                 {"early_stopped", p.earlyStopped},
                                 {"history", p.history}};
    root.write("meta", c10::IValue(meta.dump()));
    writeAtomically(file, [&](const fs::path& tmp) { root.save_to(tmp.string()); });
}

bool loadCheckpoint(const fs::path& file, torch::nn::Module& module,
                    torch::optim::Optimizer& optimizer, State& best, Progress& p,
                    const nlohmann::json& identity, const torch::Device& device) {
    if (!fs::exists(file))
        return false;
    try {
        torch::serialize::InputArchive root, mod, opt, bestArchive;
        root.load_from(file.string(), device);
        c10::IValue metaValue;
        if (!root.try_read("meta", metaValue))
            throw Error("checkpoint has no metadata", file.string());
        const auto meta = nlohmann::json::parse(metaValue.toStringRef());
        if (meta.at("identity") != identity)
            throw Error("checkpoint belongs to another model, data size or seed", file.string());
        root.read("module", mod);
        module.load(mod);
        root.read("optimizer", opt);
        optimizer.load(opt);
        if (root.try_read("best", bestArchive))
            for (const auto& key : bestArchive.keys()) {
                torch::Tensor t;
                bestArchive.read(key, t);
                best[key] = t;
            }
        p.epoch = meta.at("epoch");
        p.step = meta.at("step");
        p.bestLoss = meta.at("best_loss").is_null() ? std::numeric_limits<double>::infinity()
                                                    : meta.at("best_loss").get<double>();
        p.bestEpoch = meta.at("best_epoch");
        p.waited = meta.at("waited");
        p.finished = meta.at("finished");
        p.earlyStopped = meta.at("early_stopped");
        p.history = meta.at("history");
    } catch (const c10::Error& e) {
        throw Error(std::string("corrupt checkpoint: ") + e.what_without_backtrace(),
                    file.string());
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("corrupt checkpoint metadata: ") + e.what(), file.string());
    }
    return true;
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr) {
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(lr);
}

} // namespace

MemberOutcome trainNetworkMember(const models::ModelSpec& spec, const TrainSettings& settings,
                                 const features::Dataset& train,
                                 const features::Dataset* validation, int member, int members,
                                 const std::string& deviceName, Feedback& feedback) {
    // Grad mode is thread-local state: a job thread of the GUI must not inherit it disabled.
    torch::AutoGradMode gradEnabled(true);
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);
    const unsigned long long seed = settings.seed + std::uint64_t(member);
    torch::manual_seed(seed);
    auto net = std::make_shared<models::NetworkMember>(spec, train.featureShape, train.targetShape);
    net->to(deviceName);
    torch::nn::Module& module = net->module();
    auto optimizer = makeOptimizer(settings.optimizer, module.parameters());
    const Tensors tr = toTensors(train, device);
    Tensors va;
    if (validation)
        va = toTensors(*validation, device);

    Progress progress;
    State best;
    const nlohmann::json identity = {{"spec", spec.toJson()},
                                     {"seed", seed},
                                     {"train_samples", tr.n},
                                     {"validation_samples", va.n}};
    const fs::path ckpt =
        settings.checkpointDir.empty()
            ? fs::path()
            : settings.checkpointDir / ("member_" + std::to_string(member) + ".ckpt");
    if (!ckpt.empty())
        fs::create_directories(settings.checkpointDir);
    if (settings.resume && !ckpt.empty() &&
        loadCheckpoint(ckpt, module, *optimizer, best, progress, identity, device))
        feedback.info("resumed member " + std::to_string(member) + " after epoch " +
                      std::to_string(progress.epoch));

    // MLPs and LSTMs on the CPU train without autograd (same numbers, a fraction of the
    // per-batch cost).
    const bool bf16 = settings.precision == "bf16";
    auto fast = bf16 ? nullptr
                     : makeFastTrainingPath(spec, settings, *net, *optimizer, deviceName,
                                            train.featureShape);
    const std::string who = "member " + std::to_string(member) + ": ";
    if (bf16)
        feedback.info(who + "bf16 mixed precision on LibTorch autograd (autocast on " + deviceName +
                      ")");
    if (fast)
        feedback.info(who + fast->description());
    else if (settings.backend == "manual")
        feedback.warning(
            who + "training.backend is manual, but no hand-written path covers this model (" +
            spec.family + ", optimizer " + settings.optimizer.name + ", loss " +
            settings.loss.kind + ", device " + deviceName +
            "): it trains on LibTorch autograd instead, many times slower");
    else if (settings.backend == "auto" && deviceName == "cpu" &&
             (spec.family == "mlp" || spec.family == "lstm" || spec.family == "wcm_lstm"))
        feedback.info(who + "LibTorch autograd (no hand-written path covers this configuration)");
    const std::int64_t batch = settings.batchSize;
    const std::int64_t batches = (tr.n + batch - 1) / batch;
    const bool scheduled = settings.scheduler.kind != "none";
    const bool useValidation = validation && va.n > 0;
    std::vector<std::int64_t> order(std::size_t(tr.n));
    for (int epoch = progress.epoch + 1; epoch <= settings.epochs && !progress.finished; ++epoch) {
        const auto started = std::chrono::steady_clock::now();
        // Seeding per epoch makes a resumed run draw the same shuffles and dropout masks.
        torch::manual_seed(seed * 1000003ULL + std::uint64_t(epoch));
        std::iota(order.begin(), order.end(), std::int64_t{0});
        if (settings.shuffle) {
            std::mt19937_64 rng(seed * 7919ULL + std::uint64_t(epoch));
            std::shuffle(order.begin(), order.end(), rng);
        }
        const auto perm = torch::from_blob(order.data(), {tr.n}, torch::kLong).to(device);
        module.train();
        if (fast && !fast->pull())
            fast.reset();
        double lossSum = 0.0, lr = settings.optimizer.learningRate;
        for (std::int64_t b = 0; b < batches; ++b) {
            if (feedback.isCanceled()) {
                if (fast)
                    fast->push();
                throw CanceledError();
            }
            if (scheduled) {
                lr = scheduledLearningRate(settings.scheduler, settings.optimizer.learningRate,
                                           epoch, settings.epochs, progress.step);
                setLearningRate(*optimizer, lr);
            }
            const std::int64_t start = b * batch, end = std::min(tr.n, start + batch);
            if (fast) {
                lossSum += fast->step(tr.x.data_ptr<float>(), tr.y.data_ptr<float>(),
                                      tr.mask.defined() ? tr.mask.data_ptr<float>() : nullptr,
                                      order.data() + start, int(end - start), lr) *
                           double(end - start);
            } else {
                const auto idx = perm.slice(0, start, end);
                const auto xb = tr.x.index_select(0, idx);
                const auto yb = tr.y.index_select(0, idx);
                const auto mb = tr.mask.defined() ? tr.mask.index_select(0, idx) : torch::Tensor();
                optimizer->zero_grad();
                torch::Tensor pred;
                {
                    const BFloat16Autocast autocast(bf16, deviceName);
                    pred = net->forward(xb);
                }
                const auto loss = computeLoss(settings.loss, pred.to(torch::kFloat32), yb, mb);
                if (net->hasRegularization())
                    (loss + net->regularization()).backward();
                else
                    loss.backward();
                if (!fusedAdamStep(*optimizer, settings.optimizer.name))
                    optimizer->step();
                lossSum += loss.item<double>() * double(end - start);
            }
            ++progress.step;
            if ((b & 15) == 0)
                feedback.setProgress(overallPercent(
                    member, members,
                    (double(epoch - 1) + double(b + 1) / double(batches)) / settings.epochs));
        }
        if (fast)
            fast->push();
        EpochReport report{member, epoch, settings.epochs, {}};
        report.values["train_loss"] = lossSum / double(tr.n);
        report.values["lr"] = lr;
        if (useValidation) {
            torch::NoGradGuard noGrad;
            module.eval();
            double sum = 0.0, sq = 0.0, count = 0.0, sumD = 0.0, sumY = 0.0, sumY2 = 0.0,
                   accurate = 0.0;
            const AccuracySettings& acc = settings.accuracy;
            const std::int64_t evalBatch = std::max<std::int64_t>(batch * 4, 64);
            for (std::int64_t s = 0; s < va.n; s += evalBatch) {
                const std::int64_t e = std::min(va.n, s + evalBatch);
                torch::Tensor pred;
                {
                    const BFloat16Autocast autocast(bf16, deviceName);
                    pred = net->forward(va.x.slice(0, s, e)).to(torch::kFloat32);
                }
                const auto yb = va.y.slice(0, s, e);
                const auto mb = va.mask.defined() ? va.mask.slice(0, s, e) : torch::Tensor();
                const double valid = mb.defined() ? mb.sum().item<double>() : double(yb.numel());
                sum +=
                    computeLoss(settings.loss, pred, yb, mb).item<double>() * std::max(valid, 1.0);
                const auto kept = [&](const torch::Tensor& t) {
                    return mb.defined() ? torch::where(mb > 0, t, torch::zeros_like(t)) : t;
                };
                const auto d = kept(pred - yb), y = kept(yb);
                sq += (d * d).sum().item<double>();
                sumD += d.sum().item<double>();
                sumY += y.sum().item<double>();
                sumY2 += (y * y).sum().item<double>();
                if (acc.tolerance > 0.0) {
                    const auto estimate = pred * settings.targetSd + settings.targetMean;
                    auto hit = (d.abs() * settings.targetSd < acc.tolerance);
                    if (acc.min < acc.max)
                        hit = hit & (estimate >= acc.min) & (estimate <= acc.max);
                    if (mb.defined())
                        hit = hit & (mb > 0);
                    accurate += hit.sum().item<double>();
                }
                count += valid;
            }
            const double n = std::max(count, 1.0);
            report.values["val_loss"] = sum / n;
            report.values["val_rmse"] = std::sqrt(sq / n);
            // 1 − Var(error) / Var(target): the FFNN paper's curve, the same in scaled units
            const double varY = sumY2 / n - (sumY / n) * (sumY / n);
            if (varY > 0.0)
                report.values["val_explained_variance"] =
                    1.0 - (sq / n - (sumD / n) * (sumD / n)) / varY;
            if (acc.tolerance > 0.0)
                report.values["val_accuracy"] = accurate / n;
            if (settings.targetSd != 1.0)
                report.values["val_rmse_target_units"] = std::sqrt(sq / n) * settings.targetSd;
            const double v = report.values["val_loss"];
            if (std::isfinite(v) && v < progress.bestLoss - settings.minDelta) {
                progress.bestLoss = v;
                progress.bestEpoch = epoch;
                progress.waited = 0;
                if (settings.restoreBest)
                    best = snapshot(module);
            } else {
                ++progress.waited;
            }
        }
        for (const auto& [name, value] : net->learnedConstants())
            report.values[name] = value;
        report.values["seconds"] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress.epoch = epoch;
        progress.history.push_back(reportJson(report));
        reportEpoch(feedback, report);
        if (!std::isfinite(report.values["train_loss"])) {
            char lrText[32];
            std::snprintf(lrText, sizeof lrText, "%g", lr);
            throw Error(
                "training diverged: the training loss is " +
                    std::string(std::isnan(report.values["train_loss"]) ? "NaN" : "infinite") +
                    " at epoch " + std::to_string(epoch) +
                    (members > 1 ? " of member " + std::to_string(member + 1) : "") +
                    " (learning rate " + lrText +
                    "); lower training.optimizer.lr or check the inputs for extreme "
                    "values. Nothing was stored.",
                "training");
        }
        if (useValidation && settings.patience > 0 && progress.waited >= settings.patience) {
            progress.earlyStopped = true;
            progress.finished = true;
        }
        if (!ckpt.empty())
            saveCheckpoint(ckpt, module, *optimizer, best, progress, identity);
    }
    if (useValidation && settings.restoreBest && !best.empty())
        restore(module, best);
    if (!progress.finished && !ckpt.empty()) {
        progress.finished = true;
        saveCheckpoint(ckpt, module, *optimizer, best, progress, identity);
    }
    MemberOutcome out;
    out.member = net;
    out.backend = fast ? "manual" : "autograd";
    for (const auto& h : progress.history)
        out.history.push_back(reportFromJson(h));
    out.bestEpoch = progress.bestEpoch;
    out.epochsRun = progress.epoch;
    out.earlyStopped = progress.earlyStopped;
    module.eval();
    return out;
}

} // namespace soilscope::training::detail
