#pragma once
// The Water Cloud Model layer of the wcm_lstm family as its resolved spec declares it: read once
// here for the LibTorch module (models/recurrent_modules.cpp) and the CPU map evaluator
// (inference/fast_lstm.cpp).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace soilscope::models {

struct WcmSettings {
    std::int64_t sigma0 = 0, theta = -1, v1 = -1, v2 = 1, landcover = -1, classes = 1;
    bool sigma0Db = false, lstmVegetation = false;
    double thetaDeg = 40, b = 0.084, aInit = 0.02, aLrScale = 1, guardShare = 0, guardWeight = 0;
    double soilCentre = -12.5, soilScale = 12.5;
};

/// The settings of a resolved wcm_lstm spec's parameters.
WcmSettings wcmSettingsOf(const nlohmann::json& params);

/// The features passed to the LSTM as they are, after the soil backscatter: all but σobs, θ, the
/// class and, unless lstmVegetation, V1 and V2.
std::vector<std::int64_t> wcmAuxFeatures(const WcmSettings& s, std::int64_t features);

} // namespace soilscope::models
