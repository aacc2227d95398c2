// Model bundles: bundle.json (format, version, model spec, shapes, feature names, member list with
// kinds, file names, sizes and checksums, and the recorded inputs) read beside member files that
// match it. The first byte picks the seed bundle (MLP, CNN, LSTM, XGBoost, SVR); the rest is
// bundle.json. The members' own bytes are not fuzzed: a changed byte fails their checksum
// before a weights reader sees it.
#include "base/error.h"
#include "models/bundle_manifest.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace soilscope;

namespace {

struct Seed {
    nlohmann::json spec;
    std::vector<std::int64_t> features, targets;
    std::string kind, file;
};

const std::vector<Seed>& seeds() {
    static const std::vector<Seed> s{
        {{{"family", "mlp"}, {"params", {{"widths", "4"}}}}, {3}, {1}, "network", "member_0.pt"},
        {{{"family", "cnn"}, {"params", {{"layers", 1}}}},
         {2, 4, 4},
         {4, 4},
         "network",
         "member_0.pt"},
        {{{"family", "lstm"}, {"params", {{"hidden", 3}}}}, {5, 2}, {5}, "network", "member_0.pt"},
        {{{"family", "xgboost"}, {"params", {{"n_estimators", 3}}}},
         {3},
         {1},
         "xgboost",
         "member_0.json"},
        {{{"family", "svr"}, {"params", nlohmann::json::object()}},
         {3},
         {1},
         "svr",
         "member_0.svm"},
    };
    return s;
}

fs::path g_root;

/// One bundle folder per seed under g_root (member bytes and a bundle.json that lists them); with
/// an empty corpus folder among the arguments, each bundle.json goes there (after its seed byte)
/// as the starting corpus.
void makeSeeds(int argc, char** argv) {
    g_root = fs::temp_directory_path() / ("soilscope-fuzz-bundle-" + std::to_string(getpid()));
    fs::path corpus;
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-' && fs::is_directory(argv[i]) && fs::is_empty(argv[i]))
            corpus = argv[i];
    for (std::size_t k = 0; k < seeds().size(); ++k) {
        const Seed& s = seeds()[k];
        const fs::path folder = g_root / std::to_string(k);
        fs::create_directories(folder);
        std::ofstream(folder / s.file, std::ios::binary) << "weights of seed " << k;
        const nlohmann::json doc = {
            {"format", models::kBundleFormat},
            {"format_version", models::kBundleFormatVersion},
            {"spec", s.spec},
            {"feature_shape", s.features},
            {"target_shape", s.targets},
            {"feature_names", std::vector<std::string>(std::size_t(s.features.back()), "f")},
            {"members",
             {{{"kind", s.kind},
               {"file", s.file},
               {"bytes", fs::file_size(folder / s.file)},
               {"fnv1a64", models::fileHash(folder / s.file)}}}},
            {"inputs", {{"ascat", {{"kind", "auto"}, {"gridding", {{"method", "nearest"}}}}}}},
            {"target_units", "m3 m-3"}};
        if (!corpus.empty())
            std::ofstream(corpus / ("seed" + std::to_string(k)), std::ios::binary)
                << char(k) << doc.dump(1);
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
        const auto manifest = models::readBundleManifest(folder);
        for (const auto& member : manifest.members)
            if (member.file.parent_path() != folder)
                std::abort(); // a member outside the bundle folder was accepted
    } catch (const Error&) {
    }
    return 0;
}
