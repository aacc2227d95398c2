#pragma once
#include "models/trained_model.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace soilscope::models {

/// Whether a family's trained networks can be written as a TorchScript module
/// (mlp, cnn, locally_connected, lstm, gru; not wcm_lstm and not the native families).
bool torchScriptSupported(const std::string& family);

/// Writes the model as one TorchScript module file (loadable with torch.jit.load in Python or
/// torch::jit::load in C++): forward(x) takes raw predictors [n, featureShape...] (float32),
/// applies the normalisation `normalisation` (features::Normaliser JSON; an empty object = none),
/// replaces non-finite values by 0 as training did, runs every member and returns their mean,
/// [n, targetShape...]. Returns a description for bundle.json. Throws soilscope::Error naming
/// `file` when the family is not supported or the module cannot be built or written.
nlohmann::json saveTorchScript(const TrainedModel& model, const nlohmann::json& normalisation,
                               const std::filesystem::path& file);

} // namespace soilscope::models
