#include "models/bundle.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "base/time_utils.h"
#include "base/utf8.h"
#include "models/model_member.h"
#include "models/network.h"
#include "models/torchscript_export.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string_view>
#include <unistd.h>

#ifndef SOILSCOPE_VERSION
#define SOILSCOPE_VERSION "unknown"
#endif

namespace soilscope::models {

namespace fs = std::filesystem;

namespace {

std::string nowIso() {
    return formatIsoTime(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

} // namespace

namespace {
/// A killed training leaves its temporary bundle folder (<name>.tmp-<pid>); runs are numbered,
/// so the next training writes another name: the temporaries of every numbered sibling
/// ("run-7" → run-<n>.tmp-<pid>) of a process that no longer runs are removed.
void removeStaleBundleTemporaries(const fs::path& folder) {
    removeStaleTemporaries(folder);
    const auto digits = [](std::string_view t) {
        return !t.empty() &&
               std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
    };
    const std::string name = folder.filename().string();
    const auto dash = name.rfind('-');
    if (dash == std::string::npos || !digits(std::string_view(name).substr(dash + 1)))
        return;
    const std::string prefix = name.substr(0, dash + 1); // "run-"
    const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
    std::error_code ec;
    for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        const auto tmp = entry.rfind(".tmp-");
        if (entry.rfind(prefix, 0) == 0 && tmp != std::string::npos && it->is_directory() &&
            digits(std::string_view(entry).substr(prefix.size(), tmp - prefix.size())))
            removeStaleTemporaries(parent / entry.substr(0, tmp));
    }
}
} // namespace

void saveBundle(const fs::path& folder, const TrainedModel& model, const BundleInfo& infoIn) {
    if (model.empty())
        throw Error("nothing to save: the model has no members", folder.string());
    BundleInfo info = infoIn;
    if (info.soilscopeVersion.empty())
        info.soilscopeVersion = SOILSCOPE_VERSION;
    if (info.created.empty())
        info.created = nowIso();
    std::error_code ec;
    const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    removeStaleBundleTemporaries(folder);
    const fs::path tmp =
        parent / (folder.filename().string() + ".tmp-" + std::to_string(::getpid()));
    fs::remove_all(tmp, ec);
    if (!fs::create_directories(tmp, ec))
        throw Error("cannot create a temporary bundle folder", tmp.string());
    try {
        nlohmann::json members = nlohmann::json::array();
        for (std::size_t i = 0; i < model.members().size(); ++i) {
            const auto& m = model.members()[i];
            const std::string name = "member_" + std::to_string(i) + m->fileExtension();
            m->save(tmp / name);
            members.push_back({{"kind", m->kind()},
                               {"file", name},
                               {"bytes", fs::file_size(tmp / name)},
                               {"fnv1a64", fileHash(tmp / name)}});
        }
        // TorchScript beside the native weights, for Python users (torch.jit.load)
        nlohmann::json torchscript;
        bool allTorch = true;
        for (const auto& m : model.members())
            allTorch = allTorch && m->kind() == "torch";
        if (allTorch && torchScriptSupported(model.spec().family)) {
            // an extra: a bundle whose normalisation cannot be folded still saves, saying why
            try {
                torchscript = saveTorchScript(model, info.normalisation, tmp / "model.pt");
                torchscript["bytes"] = fs::file_size(tmp / "model.pt");
            } catch (const Error& e) {
                fs::remove(tmp / "model.pt", ec);
                torchscript = {{"file", nullptr}, {"error", e.message()}};
            }
        }
        const nlohmann::json doc = {
            {"format", kBundleFormat},
            {"format_version", kBundleFormatVersion},
            {"soilscope_version", info.soilscopeVersion},
            {"created", info.created},
            {"spec", model.spec().toJson()},
            {"feature_shape", model.featureShape()},
            {"target_shape", model.targetShape()},
            {"feature_names", info.featureNames},
            {"target_units", info.targetUnits},
            {"members", members},
            {"predictors", info.predictors},
            {"normalisation", info.normalisation},
            {"train_settings", info.trainSettings},
            {"metrics", info.metrics},
            {"masks", info.masks},
            {"inputs", info.inputs},
            {"torchscript", torchscript},
        };
        writeTextAtomically(tmp / "bundle.json", dumpJson(doc, 2));
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    // Swap in the finished folder; an existing bundle is moved aside first and removed last.
    const fs::path old =
        parent / (folder.filename().string() + ".old-" + std::to_string(::getpid()));
    const bool existed = fs::exists(folder);
    if (existed) {
        fs::rename(folder, old, ec);
        if (ec) {
            fs::remove_all(tmp, ec);
            throw Error("cannot replace the existing bundle", folder.string());
        }
    }
    fs::rename(tmp, folder, ec);
    if (ec) {
        const std::string why = ec.message();
        if (existed)
            fs::rename(old, folder, ec);
        fs::remove_all(tmp, ec);
        throw Error("cannot move the finished bundle into place: " + why, folder.string());
    }
    if (existed)
        fs::remove_all(old, ec);
}

Predictor Predictor::load(const fs::path& folder, const std::string& device) {
    BundleManifest manifest = readBundleManifest(folder);
    std::vector<std::shared_ptr<ModelMember>> members;
    for (const auto& m : manifest.members)
        members.push_back(
            loadMember(m.kind, manifest.spec, manifest.featureShape, manifest.targetShape, m.file));
    Predictor p;
    p.m_model = TrainedModel(manifest.spec, manifest.featureShape, manifest.targetShape,
                             std::move(members));
    p.m_info = std::move(manifest.info);
    if (device == "cuda" && !cudaAvailable())
        throw Error("CUDA was requested but this LibTorch build sees no CUDA device", "prediction");
    if (device == "cuda" || (device == "auto" && cudaAvailable()))
        p.m_model.to("cuda");
    return p;
}

std::vector<float> Predictor::predict(const features::Dataset& data) const {
    if (data.featureShape != featureShape())
        throw Error("the data's feature layout does not match the model's", "prediction");
    return predict(data.x.data(), data.sampleCount());
}

std::vector<float> Predictor::predict(const float* x, std::size_t n) const {
    return m_model.predict(x, n);
}

} // namespace soilscope::models
