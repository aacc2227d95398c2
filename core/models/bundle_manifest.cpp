#include "models/bundle_manifest.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"

#include <cstdint>
#include <cstdio>
#include <fstream>

namespace soilscope::models {

namespace fs = std::filesystem;

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

/// A member's file: a plain name inside the bundle folder (no folder part, no "..").
fs::path memberFile(const fs::path& folder, const std::string& name, const std::string& json) {
    const fs::path relative(name);
    if (name.empty() || relative.has_root_path() || relative.has_parent_path() || name == "." ||
        name == "..")
        throw Error("member file '" + name + "' is not a file name inside the bundle folder", json);
    return folder / relative;
}

/// An integer of bundle.json (a float there, e.g. 1e120, is no size or version).
std::int64_t integerAt(const nlohmann::json& j, const std::string& key, const std::string& where) {
    const auto& v = j.at(key);
    if (!v.is_number_integer())
        throw Error("'" + key + "' is not an integer", where);
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
        throw Error("'" + key + "' is out of range", where);
    return v.get<std::int64_t>();
}

std::int64_t integerAt(const nlohmann::json& list, std::size_t i, const std::string& key,
                       const std::string& where) {
    const auto& v = list.at(i);
    if (!v.is_number_integer() ||
        (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX)))
        throw Error("'" + key + "' holds something other than an integer", where);
    return v.get<std::int64_t>();
}

std::vector<std::int64_t> shapeAt(const nlohmann::json& doc, const std::string& key,
                                  const std::string& where) {
    const auto& v = doc.at(key);
    if (!v.is_array())
        throw Error("'" + key + "' is not a list of integers", where);
    std::vector<std::int64_t> shape;
    for (std::size_t i = 0; i < v.size(); ++i)
        shape.push_back(integerAt(v, i, key, where));
    checkShape(shape, key, where);
    return shape;
}

} // namespace

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

BundleManifest readBundleManifest(const fs::path& folder) {
    const fs::path jsonFile = folder / "bundle.json";
    if (!fs::is_directory(folder))
        throw Error("model bundle folder not found", folder.string());
    nlohmann::json doc;
    try {
        doc = parseJsonText(readTextFile(jsonFile), jsonFile.string());
    } catch (const Error& e) {
        throw Error("corrupt bundle.json: " + e.message(), jsonFile.string());
    }
    const std::string where = jsonFile.string();
    BundleManifest m;
    try {
        if (!doc.is_object() || doc.value("format", "") != kBundleFormat)
            throw Error("not a SoilScope model bundle", where);
        if (doc.contains("format_version") &&
            integerAt(doc, "format_version", where) > kBundleFormatVersion)
            throw Error("bundle written by a newer SoilScope", where);
        m.spec = ModelSpec::fromJson(doc.at("spec"));
        m.featureShape = shapeAt(doc, "feature_shape", where);
        m.targetShape = shapeAt(doc, "target_shape", where);
        const auto names = doc.value("feature_names", std::vector<std::string>{});
        // One name per feature: tabular [F] and sequences [T, F] name the last axis, images
        // [C, H, W] the first.
        if (!names.empty() && names.size() != std::size_t(m.featureShape.back()) &&
            names.size() != std::size_t(m.featureShape.front()))
            throw Error("feature_names lists " + std::to_string(names.size()) +
                            " names for a feature shape of " + shapeText(m.featureShape),
                        where);
        if (!doc.at("members").is_array() || doc["members"].empty())
            throw Error("bundle lists no members", where);
        for (const auto& entry : doc["members"]) {
            const fs::path file = memberFile(folder, entry.at("file").get<std::string>(), where);
            if (!fs::is_regular_file(file))
                throw Error("member file missing", file.string());
            const std::int64_t bytes = integerAt(entry, "bytes", where);
            if (bytes < 0 || fs::file_size(file) != std::uintmax_t(bytes) ||
                fileHash(file) != entry.at("fnv1a64").get<std::string>())
                throw Error("member file is damaged (size or checksum differs)", file.string());
            m.members.push_back({entry.at("kind").get<std::string>(), file});
        }
        m.info.predictors = doc.value("predictors", nlohmann::json::array());
        m.info.normalisation = doc.value("normalisation", nlohmann::json::object());
        m.info.trainSettings = doc.value("train_settings", nlohmann::json::object());
        m.info.metrics = doc.value("metrics", nlohmann::json::object());
        m.info.masks = doc.value("masks", nlohmann::json::object());
        m.info.inputs = doc.value("inputs", nlohmann::json::object());
        m.info.featureNames = names;
        m.info.targetUnits = doc.value("target_units", "");
        m.info.soilscopeVersion = doc.value("soilscope_version", "");
        m.info.created = doc.value("created", "");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("corrupt bundle.json: ") + e.what(), where);
    }
    return m;
}

} // namespace soilscope::models
