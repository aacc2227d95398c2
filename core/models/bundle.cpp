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

constexpr const char* kFormat = "soilscope-model-bundle";
constexpr int kFormatVersion = 1;

/// FNV-1a 64-bit hash of a file, as hex; detects truncated or altered weights before a native
/// loader sees them.
std::string fileHash(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error("cannot read file", file.string());
    std::uint64_t h = 1469598103934665603ULL;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            h ^= static_cast<unsigned char>(buffer[i]);
            h *= 1099511628211ULL;
        }
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

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
            {"format", kFormat},
            {"format_version", kFormatVersion},
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

namespace {
std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

/// A shape from a file drives allocations: every axis positive, at most 2^26 values a sample.
void checkShape(const std::vector<std::int64_t>& shape, const std::string& key,
                const std::string& file) {
    std::int64_t values = 1;
    bool sane = !shape.empty() && shape.size() <= 4;
    for (const auto n : shape) {
        sane =
            sane && n >= 1 && n <= (std::int64_t{1} << 26) && values <= (std::int64_t{1} << 26) / n;
        if (sane)
            values *= n;
    }
    if (!sane)
        throw Error(key + " " + shapeText(shape) +
                        " is not a model's shape (1 to 4 positive axes, at most 2^26 values)",
                    file);
}
} // namespace

Predictor Predictor::load(const fs::path& folder, const std::string& device) {
    const fs::path jsonFile = folder / "bundle.json";
    if (!fs::is_directory(folder))
        throw Error("model bundle folder not found", folder.string());
    nlohmann::json doc;
    try {
        doc = parseJsonText(readTextFile(jsonFile), jsonFile.string());
    } catch (const Error& e) {
        throw Error("corrupt bundle.json: " + e.message(), jsonFile.string());
    }
    Predictor p;
    try {
        if (doc.value("format", "") != kFormat)
            throw Error("not a SoilScope model bundle", jsonFile.string());
        if (doc.value("format_version", 0) > kFormatVersion)
            throw Error("bundle written by a newer SoilScope", jsonFile.string());
        const ModelSpec spec = ModelSpec::fromJson(doc.at("spec"));
        const auto featureShape = doc.at("feature_shape").get<std::vector<std::int64_t>>();
        const auto targetShape = doc.at("target_shape").get<std::vector<std::int64_t>>();
        checkShape(featureShape, "feature_shape", jsonFile.string());
        checkShape(targetShape, "target_shape", jsonFile.string());
        const auto names = doc.value("feature_names", std::vector<std::string>{});
        // One name per feature: tabular [F] and sequences [T, F] name the last axis, images
        // [C, H, W] the first.
        if (!names.empty() && names.size() != std::size_t(featureShape.back()) &&
            names.size() != std::size_t(featureShape.front()))
            throw Error("feature_names lists " + std::to_string(names.size()) +
                            " names for a feature shape of " + shapeText(featureShape),
                        jsonFile.string());
        std::vector<std::shared_ptr<ModelMember>> members;
        if (!doc.at("members").is_array() || doc["members"].empty())
            throw Error("bundle lists no members", jsonFile.string());
        for (const auto& m : doc["members"]) {
            const fs::path file = folder / m.at("file").get<std::string>();
            if (!fs::is_regular_file(file))
                throw Error("member file missing", file.string());
            if (fs::file_size(file) != m.at("bytes").get<std::uintmax_t>() ||
                fileHash(file) != m.at("fnv1a64").get<std::string>())
                throw Error("member file is damaged (size or checksum differs)", file.string());
            members.push_back(
                loadMember(m.at("kind").get<std::string>(), spec, featureShape, targetShape, file));
        }
        p.m_model = TrainedModel(spec, featureShape, targetShape, std::move(members));
        p.m_info.predictors = doc.value("predictors", nlohmann::json::array());
        p.m_info.normalisation = doc.value("normalisation", nlohmann::json::object());
        p.m_info.trainSettings = doc.value("train_settings", nlohmann::json::object());
        p.m_info.metrics = doc.value("metrics", nlohmann::json::object());
        p.m_info.masks = doc.value("masks", nlohmann::json::object());
        p.m_info.inputs = doc.value("inputs", nlohmann::json::object());
        p.m_info.featureNames = doc.value("feature_names", std::vector<std::string>{});
        p.m_info.targetUnits = doc.value("target_units", "");
        p.m_info.soilscopeVersion = doc.value("soilscope_version", "");
        p.m_info.created = doc.value("created", "");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("corrupt bundle.json: ") + e.what(), jsonFile.string());
    }
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
