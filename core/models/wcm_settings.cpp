#include "models/wcm_settings.h"

namespace soilscope::models {

WcmSettings wcmSettingsOf(const nlohmann::json& p) {
    WcmSettings s;
    s.sigma0 = p["sigma0_index"];
    s.sigma0Db = p["sigma0_db"];
    s.theta = p["theta_index"];
    s.thetaDeg = p["theta_deg"];
    s.v1 = p["v1_index"];
    s.v2 = p["v2_index"];
    s.b = p["b"];
    s.aInit = p["a_init"];
    s.landcover = p["landcover_index"];
    s.classes = p["classes"];
    s.lstmVegetation = p["lstm_vegetation"];
    s.aLrScale = p["a_lr_scale"];
    s.guardShare = p["guard_share"];
    s.guardWeight = p["guard_weight"];
    s.soilCentre = p["soil_db_centre"];
    s.soilScale = p["soil_db_scale"];
    return s;
}

std::vector<std::int64_t> wcmAuxFeatures(const WcmSettings& s, std::int64_t features) {
    std::vector<std::int64_t> aux;
    for (std::int64_t i = 0; i < features; ++i) {
        const bool vegetation = i == s.v1 || i == s.v2;
        if (i != s.sigma0 && i != s.theta && i != s.landcover && (s.lstmVegetation || !vegetation))
            aux.push_back(i);
    }
    return aux;
}

} // namespace soilscope::models
