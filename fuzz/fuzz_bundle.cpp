// Model bundles: bundle.json (format, version, model spec, shapes, feature names, member list,
// kinds, file names, sizes, checksums and the recorded inputs) read beside real member files. The
// first byte picks the seed bundle whose members lie beside it (MLP, CNN, LSTM, XGBoost, SVR);
// the rest is bundle.json. A bundle that loads must predict one sample of its feature shape.
// The members' own bytes are not fuzzed: their checksums refuse any changed byte before a
// weights reader sees it.
#include "base/error.h"
#include "features/dataset.h"
#include "models/bundle.h"
#include "models/native_members.h"
#include "models/network.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace soilscope;

namespace {

struct Seed {
    models::ModelSpec spec;
    std::vector<std::int64_t> features, targets;
};

const std::vector<Seed>& seeds() {
    static const std::vector<Seed> s{
        {{"mlp", {{"widths", "4"}}}, {3}, {1}},
        {{"cnn", {{"layers", 1}, {"channels", 2}}}, {2, 4, 4}, {4, 4}},
        {{"lstm", {{"hidden", 3}}}, {5, 2}, {5}},
        {{"xgboost", {{"n_estimators", 3}}}, {3}, {1}},
        {{"svr", {}}, {3}, {1}},
    };
    return s;
}

fs::path g_root;

features::Dataset smallData(const Seed& s) {
    features::Dataset d;
    d.featureShape = s.features;
    d.targetShape = s.targets;
    d.x.resize(24 * d.featureSize());
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(0.1f, 0.9f);
    for (auto& v : d.x)
        v = u(rng);
    d.y.resize(24 * d.targetSize());
    for (std::size_t i = 0; i < d.y.size(); ++i)
        d.y[i] = d.x[i % d.x.size()];
    return d;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Writes one bundle per seed under g_root; with an empty corpus folder among the arguments,
/// writes each bundle.json there (prefixed by its seed byte) as the starting corpus.
void makeSeeds(int argc, char** argv) {
    g_root = fs::temp_directory_path() / ("soilscope-fuzz-bundle-" + std::to_string(getpid()));
    fs::create_directories(g_root);
    fs::path corpus;
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-' && fs::is_directory(argv[i]) && fs::is_empty(argv[i]))
            corpus = argv[i];
    for (std::size_t k = 0; k < seeds().size(); ++k) {
        const Seed& s = seeds()[k];
        const auto spec = models::resolveSpec(s.spec);
        const auto data = smallData(s);
        std::shared_ptr<models::ModelMember> member;
        if (spec.family == "svr")
            member = models::fitSvr(spec, data);
        else if (spec.family == "xgboost")
            member = models::fitXGBoost(spec, data, nullptr, 1, 1, {});
        else
            member = std::make_shared<models::NetworkMember>(spec, s.features, s.targets);
        models::BundleInfo info;
        info.inputs = {{"ascat", {{"kind", "auto"}, {"gridding", {{"method", "nearest"}}}}}};
        const fs::path folder = g_root / std::to_string(k);
        models::saveBundle(folder, models::TrainedModel(spec, s.features, s.targets, {member}),
                           info);
        if (!corpus.empty())
            std::ofstream(corpus / ("seed" + std::to_string(k)), std::ios::binary)
                << char(k) << readAll(folder / "bundle.json");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    makeSeeds(*argc, *argv);
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(g_root, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    const fs::path folder = g_root / std::to_string(data[0] % seeds().size());
    std::ofstream(folder / "bundle.json", std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
    try {
        const auto predictor = models::Predictor::load(folder, "cpu");
        std::size_t n = 1;
        for (const auto d : predictor.featureShape())
            n *= std::size_t(d);
        if (n <= (1u << 20)) {
            const std::vector<float> x(n, 0.5f);
            predictor.predict(x.data(), 1);
        }
    } catch (const Error&) {
    }
    return 0;
}
