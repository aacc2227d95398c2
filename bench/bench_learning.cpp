// LibTorch C++ against PyTorch on the same models, data sizes, batches and thread counts:
// MLP 14-35-35-1 (samples/s), LSTM 2×16 over whole 883-step sequences (sequences/s) and a
// 5×5 LocallyConnected2d on 100×200×3 (forward+backward ms, extra memory).
// The Python side is bench/learning_pytorch.py, run through popen with the same settings.
#include "bench_common.h"

#include "models/network.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#ifndef SOILSCOPE_BENCH_DIR
#define SOILSCOPE_BENCH_DIR "bench"
#endif

using namespace soilscope;
using nlohmann::json;

namespace {

constexpr std::int64_t kMlpSamples = 16384, kMlpEpochs = 2;
constexpr std::int64_t kLstmSequences = 12, kLstmSteps = 883, kLstmFeatures = 12;

double statusMiB(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0)
            return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return std::nan("");
}

void resetHighWaterMark() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

json runPython(int threads, const std::string& only) {
    const char* py = std::getenv("SOILSCOPE_PYTHON");
    const std::string cmd =
        std::string(py ? py : "/usr/bin/python3") +
        " " SOILSCOPE_BENCH_DIR "/learning_pytorch.py --threads " + std::to_string(threads) +
        " --only " + only + " --mlp-samples " + std::to_string(kMlpSamples) + " --mlp-epochs " +
        std::to_string(kMlpEpochs) + " --lstm-sequences " + std::to_string(kLstmSequences) +
        " --lstm-steps " + std::to_string(kLstmSteps) + " --lstm-features " +
        std::to_string(kLstmFeatures) + " 2>/dev/null";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe)
        return nullptr;
    std::string text;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    const int rc = pclose(pipe);
    if (rc != 0)
        return nullptr;
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        return nullptr;
    }
}

json benchLocallyConnected() {
    torch::manual_seed(3);
    models::NetworkMember net({"locally_connected", {{"kernel", 5}}}, {3, 100, 200}, {100, 200});
    const auto x = torch::randn({16, 3, 100, 200});
    const auto target = torch::randn({16, 100, 200});
    auto& module = net.module();
    auto step = [&] {
        for (auto& p : module.parameters())
            if (p.grad().defined())
                p.grad().zero_();
        torch::mse_loss(net.forward(x), target).backward();
    };
    step();
    const double before = statusMiB("VmRSS");
    resetHighWaterMark();
    step();
    const double extra = statusMiB("VmHWM") - before;
    const double sec = bench::medianSeconds(3, step);
    return {{"ms", sec * 1000.0},
            {"extra_memory_mib", extra},
            {"weights_mib", double(net.parameterCount()) * 4.0 / double(1 << 20)}};
}

json benchMlp(int threads) {
    torch::manual_seed(1);
    features::Dataset d;
    d.featureShape = {14};
    d.targetShape = {1};
    const auto x = torch::randn({kMlpSamples, 14});
    const auto y = torch::sin(x.slice(1, 0, 1)) + 0.1 * x.slice(1, 1, 2);
    d.x.assign(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
    d.y.assign(y.contiguous().data_ptr<float>(), y.contiguous().data_ptr<float>() + y.numel());
    training::TrainSettings s;
    s.epochs = kMlpEpochs;
    s.batchSize = 32;
    s.optimizer.learningRate = 5e-4;
    s.optimizer.weightDecay = 1e-5;
    s.device = "cpu";
    s.threads = threads;
    soilscope::Feedback obs;
    const models::ModelSpec spec{"mlp", {{"widths", "35,35"}, {"activation", "relu"}}};
    const double sec = bench::medianSeconds(3, [&] { training::train(spec, s, d, nullptr, obs); });
    return {{"samples_per_s", double(kMlpSamples * kMlpEpochs) / sec}, {"seconds", sec}};
}

json benchLstm(int threads) {
    torch::manual_seed(2);
    features::Dataset d;
    d.featureShape = {kLstmSteps, kLstmFeatures};
    d.targetShape = {kLstmSteps};
    const auto x = torch::rand({kLstmSequences, kLstmSteps, kLstmFeatures});
    const auto y = (x.select(2, 0) * 0.3 + 0.1).contiguous();
    d.x.assign(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
    d.y.assign(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
    training::TrainSettings s;
    s.epochs = 1;
    s.batchSize = 1;
    s.optimizer.eps = 1e-7;
    s.loss.kind = "mae";
    s.scheduler.kind = "cyclic";
    s.scheduler.minLearningRate = 1e-6;
    s.scheduler.maxLearningRate = 2e-3;
    s.scheduler.stepSize = 250;
    s.device = "cpu";
    s.threads = threads;
    soilscope::Feedback obs;
    const models::ModelSpec spec{
        "lstm", {{"layers", 2}, {"hidden", 16}, {"dropout", 0.1}, {"recurrent_l2", 1e-4}}};
    const double sec = bench::medianSeconds(3, [&] { training::train(spec, s, d, nullptr, obs); });
    // The same training through LibTorch autograd, as it ran before the fused LSTM path.
    auto onAutograd = s;
    onAutograd.backend = "autograd";
    const double autograd =
        bench::medianSeconds(3, [&] { training::train(spec, onAutograd, d, nullptr, obs); });
    return {{"sequences_per_s", double(kLstmSequences) / sec},
            {"seconds", sec},
            {"autograd_sequences_per_s", double(kLstmSequences) / autograd}};
}

json ratio(const json& cpp, const json& py, const char* key, bool lowerIsBetter) {
    if (py.is_null() || !py.contains(key))
        return nullptr;
    const double a = cpp[key].get<double>(), b = py[key].get<double>();
    return lowerIsBetter ? b / a : a / b;
}

} // namespace

int main() {
    // SOILSCOPE_BENCH_ONLY=mlp,lstm,locally_connected picks benchmarks (default: all three).
    const char* onlyEnv = std::getenv("SOILSCOPE_BENCH_ONLY");
    const std::string only = onlyEnv ? onlyEnv : "mlp,lstm,locally_connected";
    auto wanted = [&](const std::string& name) {
        return ("," + only + ",").find("," + name + ",") != std::string::npos;
    };
    std::vector<int> threadCounts{1, 2};
    if (const char* env = std::getenv("SOILSCOPE_BENCH_THREADS")) {
        threadCounts.clear();
        std::stringstream ss(env);
        std::string item;
        while (std::getline(ss, item, ','))
            threadCounts.push_back(std::stoi(item));
    }
    const std::string cuda = training::cudaAvailable() ? "available" : "not available";
    std::cout << "cuda: " << cuda << "\n";
    json mlp = {{"cuda", cuda},
                {"target_ratio", 3.0},
                {"unit", "samples/s"},
                {"model", "MLP 14-35-35-1 relu, batch 32, Adam, 16384 samples × 2 epochs"}};
    json lstm = {{"cuda", cuda},
                 {"target_ratio", 1.2},
                 {"unit", "sequences/s"},
                 {"model", "LSTM 2×16 + dense, 883-step sequences of 12 features, batch 1, MAE, "
                           "Adam eps 1e-7, cyclic LR, recurrent L2, dropout 0.1"}};
    json lc = {{"cuda", cuda},
               {"target_ratio", 2.0},
               {"unit", "ms per forward+backward"},
               {"model", "LocallyConnected2d 5×5, 100×200×3 → 1, batch 16, MSE; PyTorch side: "
                         "unfold + per-location bmm"}};
    auto show = [](const char* name, int t, const json& c, const json& p, const char* key,
                   const json& r) {
        std::cout << name << " (" << t << " thread" << (t > 1 ? "s" : "") << "): C++ "
                  << c[key].get<double>() << "  PyTorch "
                  << (p.is_null() ? std::string("n/a") : std::to_string(p[key].get<double>()))
                  << "  ratio "
                  << (r.is_null() ? std::string("n/a") : std::to_string(r.get<double>())) << "\n";
    };
    bool first = true;
    for (const int t : threadCounts) {
        torch::set_num_threads(t);
        const json py = runPython(t, only);
        if (py.is_null())
            std::cout << "PyTorch side unavailable (python3 with torch needed)\n";
        auto pyPart = [&](const char* name) {
            return py.is_null() || !py.contains(name) ? json() : py[name];
        };
        const std::string k = std::to_string(t) + "_threads";
        // Memory is measured once, first, before other work raises the high-water mark.
        if (wanted("locally_connected")) {
            const json cLc = benchLocallyConnected(), pLc = pyPart("locally_connected");
            lc[k] = {{"cpp", cLc}, {"python", pLc}, {"ratio", ratio(cLc, pLc, "ms", true)}};
            if (first) {
                lc["extra_memory_mib_cpp"] = cLc["extra_memory_mib"];
                lc["extra_memory_mib_python"] = pLc.is_null() ? json() : pLc["extra_memory_mib"];
                lc["weights_mib"] = cLc["weights_mib"];
                lc["memory_within_2x_weights"] =
                    cLc["extra_memory_mib"].get<double>() <= 2.0 * cLc["weights_mib"].get<double>();
                first = false;
            }
            show("locally_connected ms", t, cLc, pLc, "ms", lc[k]["ratio"]);
            std::cout << "locally_connected extra memory MiB: C++ "
                      << cLc["extra_memory_mib"].get<double>() << "  PyTorch "
                      << (pLc.is_null() ? std::string("n/a")
                                        : std::to_string(pLc["extra_memory_mib"].get<double>()))
                      << "  (weights " << cLc["weights_mib"].get<double>() << " MiB)\n";
        }
        if (wanted("mlp")) {
            const json cMlp = benchMlp(t), pMlp = pyPart("mlp");
            mlp[k] = {{"cpp", cMlp},
                      {"python", pMlp},
                      {"ratio", ratio(cMlp, pMlp, "samples_per_s", false)}};
            show("mlp samples/s", t, cMlp, pMlp, "samples_per_s", mlp[k]["ratio"]);
        }
        if (wanted("lstm")) {
            const json cLstm = benchLstm(t), pLstm = pyPart("lstm");
            lstm[k] = {{"cpp", cLstm},
                       {"python", pLstm},
                       {"ratio", ratio(cLstm, pLstm, "sequences_per_s", false)}};
            show("lstm sequences/s", t, cLstm, pLstm, "sequences_per_s", lstm[k]["ratio"]);
            std::cout << "lstm sequences/s through LibTorch autograd (" << t << " thread"
                      << (t > 1 ? "s" : "")
                      << "): " << cLstm["autograd_sequences_per_s"].get<double>() << "\n";
        }
    }
    if (wanted("mlp"))
        bench::recordResult("mlp", mlp);
    if (wanted("lstm"))
        bench::recordResult("lstm", lstm);
    if (wanted("locally_connected"))
        bench::recordResult("locally_connected", lc);
    return 0;
}
