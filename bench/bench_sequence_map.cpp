// Per-pixel sequence maps (lstm_s1_s2_weather, wcm_lstm): forward passes of the LSTM 2×16 over
// whole Sentinel-1 series (183 steps × 12 inputs, the small twin's shape) in batches of pixel
// sequences: LibTorch's forward by batch size and thread count, and the CPU path of
// inference::fastLstm the maps use. Prints pixel sequences per second.
#include "bench_common.h"

#include "inference/fast_lstm.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <cstdio>
#include <random>

using namespace soilscope;
using nlohmann::json;

namespace {
constexpr std::int64_t kSteps = 183, kFeatures = 12;
constexpr std::size_t kPixels = 4096;
} // namespace

int main() {
    // a model of the workload's shape (one epoch on a few random sequences: the weights do not
    // change the cost of a forward pass)
    features::Dataset d;
    d.featureShape = {kSteps, kFeatures};
    d.targetShape = {kSteps};
    std::mt19937 rng(1);
    std::normal_distribution<float> z(0.0f, 1.0f);
    for (int i = 0; i < 8; ++i)
        for (std::int64_t t = 0; t < kSteps; ++t) {
            for (std::int64_t k = 0; k < kFeatures; ++k)
                d.x.push_back(z(rng));
            d.y.push_back(z(rng));
            d.targetMask.push_back(1);
        }
    training::TrainSettings s;
    s.epochs = 1;
    s.batchSize = 4;
    s.device = "cpu";
    soilscope::Feedback obs;
    const models::ModelSpec spec{
        "lstm", {{"layers", 2}, {"hidden", 16}, {"dropout", 0.1}, {"recurrent_l2", 1e-4}}};
    const auto model = training::train(spec, s, d, nullptr, obs).model;

    std::vector<float> x(kPixels * std::size_t(kSteps * kFeatures));
    for (float& v : x)
        v = z(rng);
    json entry = {{"unit", "pixel sequences/s"},
                  {"model", "LSTM 2×16 + dense, 183-step sequences of 12 inputs, eval forward"},
                  {"pixels", kPixels}};
    for (const int threads : {1, 2}) {
        torch::set_num_threads(threads);
        for (const std::size_t batch : {256u, 1024u}) {
            const double sec = bench::medianSeconds(1, [&] {
                for (std::size_t b = 0; b < kPixels; b += batch)
                    model.predict(x.data() + b * std::size_t(kSteps * kFeatures),
                                  std::min(batch, kPixels - b));
            });
            const double rate = double(kPixels) / sec;
            entry[std::to_string(threads) + "_threads"]["batch_" + std::to_string(batch)] = rate;
            std::printf("sequence map forward: %d thread(s), batch %5zu: %8.0f pixel sequences/s "
                        "(%.2f s for %zu)\n",
                        threads, batch, rate, sec, kPixels);
        }
    }
    const auto fast = inference::fastLstm(model);
    if (!fast) {
        std::printf("no fast LSTM path for this model\n");
        return 1;
    }
    for (const std::size_t batch : {1024u}) {
        const double sec = bench::medianSeconds(1, [&] {
            for (std::size_t b = 0; b < kPixels; b += batch)
                (*fast)(x.data() + b * std::size_t(kSteps * kFeatures),
                        std::min(batch, kPixels - b));
        });
        const double rate = double(kPixels) / sec;
        entry["fast_lstm"]["batch_" + std::to_string(batch)] = rate;
        std::printf("sequence map forward: fastLstm (own threads), batch %5zu: %8.0f pixel "
                    "sequences/s (%.2f s for %zu)\n",
                    batch, rate, sec, kPixels);
    }
    bench::recordResult("sequence_map", entry);
    return 0;
}
