#pragma once
#include "features/normaliser.h"
#include "features/transforms.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::features {

/// An element-wise step applied after a predictor's source value was computed.
struct TransformStep {
    std::string
        op; ///< db_to_linear, linear_to_db, scale, clip, sin_deg, cos_deg, log10, abs, polynomial
    double factor = 1.0; ///< scale: x·factor + offset
    double offset = 0.0;
    double lo = 0.0; ///< clip: values outside [lo, hi] become NaN
    double hi = 0.0;
    std::vector<double> coefficients; ///< polynomial: c0 + c1·x + c2·x² + … (e.g. VWC from NDVI)
    std::map<std::string, double> parameters; ///< a plugin transform's (transform_registry.h)
};

/// How a value of a time-varying layer is taken at a target date.
struct TemporalSelection {
    std::string method = "nearest"; ///< exact, nearest, linear, spline
    std::chrono::seconds maxGap{
        std::chrono::hours(24)}; ///< nearest: distance; linear/spline: bracket
};

/// A predictor declared as data: where its value comes from, how it is derived and
/// transformed, which range is valid, and how it is normalised. Kinds:
///  band        role + band (number or sensor band name)
///  index       spectral index of an optical role (sensor band mapping, reflectance scale), or of
///              one-band layers per spectral role (band_layers)
///  terrain     slope, aspect_sin, aspect_cos or elevation from a DEM role
///  calendar    doy_sin or doy_cos of the target date
///  location    lon_sin, lon_cos, lon, lat of the pixel centre
///  antecedent  statistic over N days of a series role (precipitation sums and means)
///  dry_days    consecutive days below a threshold in a series role
///  swi         Soil Water Index of a surface soil moisture series role: the exponential
///              filter with characteristic time `t_days`, at the last observation before (or at)
///              the target date, filtered over the 5·T days before it
///  incidence   backscatter (dB) normalised to a reference incidence angle
///  wcm_soil    Water Cloud Model soil backscatter (dB) or soil moisture
///  constant    a fixed value (e.g. a global parameter)
struct PredictorSpec {
    std::string name;
    std::string kind = "band";
    std::string role;                             ///< data role of the main source layer
    int band = 1;                                 ///< 1-based band (static multi-band rasters)
    std::string bandName;                         ///< band by sensor name ("B8A"); overrides band
    std::string sensor;                           ///< landsat7, sentinel2 (index, band names)
    std::map<std::string, std::string> roleBands; ///< index: band-role overrides ("nir": "B8A")
    std::map<std::string, std::string>
        bandLayers;                         ///< index: spectral role -> data role of a one-band
                                            ///< layer ("red": "s2_B04"), for bands stored apart
    std::string index;                      ///< index: NDVI, EVI, ...
    std::optional<double> reflectanceScale; ///< index: DN → reflectance (default per sensor)
    std::optional<double> reflectanceOffset;
    std::string quantity;       ///< terrain/calendar/location/wcm_soil output
    TemporalSelection temporal; ///< for time-varying sources
    // antecedent and dry days
    int days = 1;
    bool includeCurrent = true;
    std::string statistic = "sum"; ///< sum, mean, min, max, std
    int maxMissingDays = 0;
    double threshold = 0.1; ///< dry_days: mm per day
    double tDays = 10.0;    ///< swi: characteristic time T in days
    // incidence angle and WCM
    std::string angleRole;          ///< per-pixel incidence angle layer
    std::optional<double> angleDeg; ///< constant angle when no angleRole
    double referenceAngleDeg = 40.0;
    std::string incidenceMethod = "cosine"; ///< cosine (parameter = exponent n), linear (β dB/°)
    double incidenceParameter = 2.0;
    std::string v1Role, v2Role;      ///< vegetation descriptors (layers) ...
    double v1 = 1.0, v2 = 0.0;       ///< ... or constants
    std::vector<double> vwcFromNdvi; ///< v2 = polynomial of the v2 layer when not empty
    WaterCloudParameters wcm;
    double value = 0.0; ///< constant
    std::vector<TransformStep> transforms;
    std::optional<std::pair<double, double>> validRange; ///< outside → invalid (NaN)
    NormaliserKind normaliser = NormaliserKind::ZScore;
    std::pair<double, double> normaliserBounds{0.0, 1.0}; ///< fixed_minmax
    bool categorical = false;                             ///< e.g. land cover: not interpolated

    /// The data roles this predictor reads.
    std::vector<std::string> roles() const;
    /// Pixels of context a block needs around it (1 for terrain).
    int halo() const;
    /// Whether the value depends on the target date.
    bool dynamic() const;

    nlohmann::json toJson() const;
    /// Parses and validates; errors name `jsonPath` (e.g. "/predictors/3/days").
    static PredictorSpec fromJson(const nlohmann::json& j, const std::string& jsonPath);
};

/// Parses a JSON array of predictors; names must be unique. Errors name the JSON path.
std::vector<PredictorSpec> parsePredictors(const nlohmann::json& array,
                                           const std::string& jsonPath);
nlohmann::json predictorsToJson(const std::vector<PredictorSpec>& predictors);

/// Applies a predictor's transform chain and valid range to n values in place.
void applyTransforms(const PredictorSpec& spec, float* values, std::size_t n);

/// A normaliser with one channel per predictor, kinds and bounds from the specs.
Normaliser normaliserFor(const std::vector<PredictorSpec>& predictors);

} // namespace soilscope::features
