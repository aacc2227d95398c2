#include "features/spectral_index.h"

#include "base/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace soilscope::features {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

double ratio(double num, double den) {
    if (!std::isfinite(num) || !std::isfinite(den) || den == 0.0)
        return kNaN;
    const double r = num / den;
    return std::isfinite(r) ? r : kNaN;
}

double nd(double a, double b) {
    return ratio(a - b, a + b);
}
} // namespace

std::vector<SpectralIndex> allSpectralIndices() {
    return {SpectralIndex::NDVI, SpectralIndex::EVI,  SpectralIndex::GNDVI, SpectralIndex::MSI,
            SpectralIndex::NDMI, SpectralIndex::NDWI, SpectralIndex::SAVI,  SpectralIndex::NBRI,
            SpectralIndex::BSI,  SpectralIndex::NDRE};
}

std::string spectralIndexName(SpectralIndex index) {
    switch (index) {
    case SpectralIndex::NDVI:
        return "NDVI";
    case SpectralIndex::EVI:
        return "EVI";
    case SpectralIndex::GNDVI:
        return "GNDVI";
    case SpectralIndex::MSI:
        return "MSI";
    case SpectralIndex::NDMI:
        return "NDMI";
    case SpectralIndex::NDWI:
        return "NDWI";
    case SpectralIndex::SAVI:
        return "SAVI";
    case SpectralIndex::NBRI:
        return "NBRI";
    case SpectralIndex::BSI:
        return "BSI";
    case SpectralIndex::NDRE:
        return "NDRE";
    }
    return "?";
}

SpectralIndex parseSpectralIndex(const std::string& name) {
    const std::string u = upper(name);
    for (const SpectralIndex i : allSpectralIndices())
        if (spectralIndexName(i) == u)
            return i;
    throw Error("unknown spectral index '" + name +
                "' (known: NDVI, EVI, GNDVI, MSI, NDMI, NDWI, SAVI, NBRI, BSI, NDRE)");
}

std::string bandRoleName(BandRole role) {
    switch (role) {
    case BandRole::Blue:
        return "blue";
    case BandRole::Green:
        return "green";
    case BandRole::Red:
        return "red";
    case BandRole::RedEdge:
        return "rededge";
    case BandRole::Nir:
        return "nir";
    case BandRole::Swir1:
        return "swir1";
    case BandRole::Swir2:
        return "swir2";
    }
    return "?";
}

BandRole parseBandRole(const std::string& name) {
    for (const BandRole r : {BandRole::Blue, BandRole::Green, BandRole::Red, BandRole::RedEdge,
                             BandRole::Nir, BandRole::Swir1, BandRole::Swir2})
        if (bandRoleName(r) == name)
            return r;
    throw Error("unknown band role '" + name +
                "' (known: blue, green, red, rededge, nir, swir1, swir2)");
}

std::vector<BandRole> rolesOf(SpectralIndex index) {
    using R = BandRole;
    switch (index) {
    case SpectralIndex::NDVI:
        return {R::Nir, R::Red};
    case SpectralIndex::EVI:
        return {R::Nir, R::Red, R::Blue};
    case SpectralIndex::GNDVI:
        return {R::Nir, R::Green};
    case SpectralIndex::MSI:
        return {R::Swir1, R::Nir};
    case SpectralIndex::NDMI:
        return {R::Nir, R::Swir1};
    case SpectralIndex::NDWI:
        return {R::Nir, R::Swir2};
    case SpectralIndex::SAVI:
        return {R::Nir, R::Red};
    case SpectralIndex::NBRI:
        return {R::Nir, R::Swir2};
    case SpectralIndex::BSI:
        return {R::Swir1, R::Red, R::Nir, R::Blue};
    case SpectralIndex::NDRE:
        return {R::Nir, R::RedEdge};
    }
    return {};
}

int SensorBands::bandNumber(const std::string& bandName) const {
    const auto it = std::find(fileBands.begin(), fileBands.end(), bandName);
    if (it == fileBands.end())
        throw Error("band '" + bandName + "' is not among the bands of sensor '" + sensor + "'");
    return int(it - fileBands.begin()) + 1;
}

int SensorBands::bandNumber(BandRole role) const {
    const auto it = roles.find(role);
    if (it == roles.end())
        throw Error("sensor '" + sensor + "' has no " + bandRoleName(role) + " band");
    return bandNumber(it->second);
}

SensorBands landsat7Bands() {
    SensorBands s;
    s.sensor = "landsat7";
    s.fileBands = {"B1", "B2", "B3", "B4", "B5", "B7"};
    s.roles = {{BandRole::Blue, "B1"}, {BandRole::Green, "B2"}, {BandRole::Red, "B3"},
               {BandRole::Nir, "B4"},  {BandRole::Swir1, "B5"}, {BandRole::Swir2, "B7"}};
    return s;
}

SensorBands sentinel2Bands() {
    SensorBands s;
    s.sensor = "sentinel2";
    s.fileBands = {"B2", "B3", "B4", "B5", "B6", "B8", "B8A", "B11", "B12"};
    s.roles = {{BandRole::Blue, "B2"},    {BandRole::Green, "B3"}, {BandRole::Red, "B4"},
               {BandRole::RedEdge, "B5"}, {BandRole::Nir, "B8"},   {BandRole::Swir1, "B11"},
               {BandRole::Swir2, "B12"}};
    return s;
}

SensorBands sensorBandsPreset(const std::string& sensor) {
    if (sensor == "landsat7")
        return landsat7Bands();
    if (sensor == "sentinel2")
        return sentinel2Bands();
    throw Error("unknown sensor '" + sensor + "' (known: landsat7, sentinel2)");
}

double spectralIndexValue(SpectralIndex index, const std::map<BandRole, double>& r) {
    auto get = [&](BandRole role) {
        const auto it = r.find(role);
        return it == r.end() ? kNaN : it->second;
    };
    const double blue = get(BandRole::Blue), green = get(BandRole::Green), red = get(BandRole::Red),
                 re = get(BandRole::RedEdge), nir = get(BandRole::Nir), sw1 = get(BandRole::Swir1),
                 sw2 = get(BandRole::Swir2);
    switch (index) {
    case SpectralIndex::NDVI:
        return nd(nir, red);
    case SpectralIndex::EVI:
        return ratio(2.5 * (nir - red), nir + 6.0 * red - 7.5 * blue + 1.0);
    case SpectralIndex::GNDVI:
        return nd(nir, green);
    case SpectralIndex::MSI:
        return ratio(sw1, nir);
    case SpectralIndex::NDMI:
        return nd(nir, sw1);
    case SpectralIndex::NDWI:
        return nd(nir, sw2);
    case SpectralIndex::SAVI:
        return ratio(1.5 * (nir - red), nir + red + 0.5);
    case SpectralIndex::NBRI:
        return nd(nir, sw2);
    case SpectralIndex::BSI:
        return ratio((sw1 + red) - (nir + blue), (sw1 + red) + (nir + blue));
    case SpectralIndex::NDRE:
        return nd(nir, re);
    }
    return kNaN;
}

void computeSpectralIndex(SpectralIndex index, const IndexInputs& inputs, std::size_t n,
                          float* out) {
    const std::vector<BandRole> roles = rolesOf(index);
    std::vector<std::pair<BandRole, const float*>> src;
    for (const BandRole role : roles) {
        const auto it = inputs.bands.find(role);
        if (it == inputs.bands.end() || it->second == nullptr)
            throw Error(spectralIndexName(index) + " needs the " + bandRoleName(role) + " band");
        src.emplace_back(role, it->second);
    }
    std::map<BandRole, double> r;
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto& [role, p] : src)
            r[role] = double(p[i]);
        out[i] = float(spectralIndexValue(index, r));
    }
}

} // namespace soilscope::features
