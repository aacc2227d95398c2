#pragma once
// The manifest of a model bundle (bundle.json) and its checks, without LibTorch: what the bundle
// holds and whether its member files are the ones it lists. Loading the members' weights is
// Predictor::load's (bundle.h).
#include "models/model_spec.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::models {

inline constexpr const char* kBundleFormat = "soilscope-model-bundle";
inline constexpr int kBundleFormatVersion = 1;

/// What a bundle records beside the weights. The predictor definitions and the
/// normalisation are opaque to models: the features layer writes and reads them.
struct BundleInfo {
    nlohmann::json predictors = nlohmann::json::array();     ///< predictor definitions
    nlohmann::json normalisation = nlohmann::json::object(); ///< fitted normalisers
    nlohmann::json trainSettings = nlohmann::json::object(); ///< TrainSettings::toJson()
    nlohmann::json metrics = nlohmann::json::object();       ///< validation/test results
    nlohmann::json masks = nlohmann::json::object(); ///< project mask section, applied by predict
    /// Per role, how training read the layer (variable/band, resampling, accumulation); predict
    /// reads the layers it is given the same way (project::inputPreparationToJson).
    nlohmann::json inputs = nlohmann::json::object();
    std::vector<std::string> featureNames;
    std::string targetUnits;      ///< units of what the model predicts ("" when unknown)
    std::string soilscopeVersion; ///< filled by saveBundle when empty
    std::string created;          ///< ISO time, filled by saveBundle
};

/// One member of a bundle: its kind ("network", "xgboost", "svr", "plugin:<family>") and file.
struct BundleMember {
    std::string kind;
    std::filesystem::path file;
};

/// bundle.json read and checked.
struct BundleManifest {
    ModelSpec spec;
    std::vector<std::int64_t> featureShape, targetShape;
    std::vector<BundleMember> members;
    BundleInfo info;
};

/// Reads `folder`/bundle.json and checks it: format and version, the model spec, the shapes
/// (1 to 4 positive axes, at most 2^26 values a sample), one feature name per feature, at least
/// one member, each member file inside the folder with the size and checksum recorded. Throws
/// soilscope::Error naming the file and the problem.
BundleManifest readBundleManifest(const std::filesystem::path& folder);

/// FNV-1a 64-bit hash of a file, as hex; detects truncated or altered weights before a native
/// loader sees them.
std::string fileHash(const std::filesystem::path& file);

} // namespace soilscope::models
