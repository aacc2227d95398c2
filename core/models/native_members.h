#pragma once
// Tree and kernel estimators (XGBoost C API, libsvm) behind ModelMember. Plain C++ only.
#include "features/dataset.h"
#include "models/model_member.h"

#include <functional>
#include <map>
#include <string>

namespace soilscope::models {

/// Called after each boosting round (1-based) with evaluation values (e.g. "val_rmse");
/// returning true cancels the fit.
using RoundCallback = std::function<bool(int round, const std::map<std::string, double>& values)>;

/// Fits an "xgboost" (gradient boosting) or "random_forest" (XGBoost random forest mode) member
/// on tabular data; validation (may be null) is evaluated each round. Throws soilscope::Error,
/// or soilscope::CanceledError when the callback asks to stop.
std::shared_ptr<ModelMember> fitXGBoost(const ModelSpec& spec, const features::Dataset& train,
                                        const features::Dataset* validation,
                                        unsigned long long seed, int threads,
                                        const RoundCallback& callback);

/// Fits an ε-SVR member (libsvm) on tabular data.
std::shared_ptr<ModelMember> fitSvr(const ModelSpec& spec, const features::Dataset& train);

/// Reload members saved by ModelMember::save (used by loadMember).
std::shared_ptr<ModelMember> loadXGBoost(const ModelSpec& spec, std::int64_t features,
                                         const std::filesystem::path& file);
std::shared_ptr<ModelMember> loadSvr(const ModelSpec& spec, std::int64_t features,
                                     const std::filesystem::path& file);

} // namespace soilscope::models
