#pragma once
#include "features/predictor_spec.h"
#include "features/product_layer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace soilscope::project {

/// The project-file format this build writes.
inline constexpr int kProjectFormatVersion = 1;

/// One input layer of a project: a file (raster, raster series or station archive) and the
/// variable inside it. Paths are stored relative to the project file when they lie below it.
struct DataLayer {
    std::string role;           ///< "precipitation", "s2", "dem", "stations", ...
    std::filesystem::path path; ///< absolute after loading
    std::string variable;       ///< NetCDF variable, station variable, or empty
    std::string kind = "auto";  ///< auto, raster (static), series (time axis), stations,
                                ///< parameters (no file: model constants such as WCM A..D)
    int band = 0;               ///< > 0: the layer is this band of the file
    std::string resample;       ///< nearest, bilinear, average: warp onto the sample grid
    /// How an accumulated variable is stored: "" (per time step, e.g. ERA5 hourly tp) or
    /// "since_00utc" (ERA5-Land: sums since 00 UTC, the 00 UTC value the previous day's total),
    /// which is read back as sums per time step.
    std::string accumulation;
    /// Point, swath and SMAP products (no grid of their own): how they are put on the sample
    /// grid; absent = nearest observation within the product's spacing, every observation.
    std::optional<features::LayerGridding> gridding;
    nlohmann::json parameters = nlohmann::json::object(); ///< kind parameters: the entry itself
    std::string pointer; ///< JSON pointer into `path` (a parameter set in a JSON file)
    nlohmann::json extra = nlohmann::json::object(); ///< keys this version does not use, kept
    std::string units;
    std::string sensor; ///< landsat7, sentinel2 for optical stacks
    std::string description;
};

/// What the model learns: a gridded product or station observations.
struct TargetSpec {
    std::string role;                                    ///< a data role
    std::string kind = "grid";                           ///< grid or stations
    std::string variable = "soil_moisture";              ///< station variable
    std::optional<std::pair<double, double>> validRange; ///< targets outside are dropped
    std::string window = "12h";                          ///< station matching window (±)
    double depthMax = 0.1; ///< stations: sensors with depth_to <= depthMax
};

/// Which samples are formed and in which layout.
struct SampleSpec {
    std::string layout = "tabular"; ///< tabular, image, sequence
    std::string from, to;           ///< ISO dates limiting the target dates (inclusive)
    int patch = 0;                  ///< image: 0 = whole image, else patch side (odd)
    int sequenceLength = 0;         ///< sequence: 0 = whole series (seq2seq), else window
    int stride = 1;                 ///< sequence window / date stride
    std::size_t maxSamples = 0;     ///< 0 = all; otherwise a seeded random subset
    std::string datesFrom;          ///< role whose times are the sample dates (default: target)
};

/// Masks applied jointly with the predictors' validity.
struct MaskSpec {
    std::string landCoverRole;
    std::set<int> landCoverKeep;
    std::set<int> landCoverExclude;
    struct Range {
        std::string predictor;
        double lo = 0.0;
        double hi = 0.0;
    };
    std::vector<Range> ranges;
    std::string qualityRole; ///< a flag layer; pixels with bits outside accepted drop
    std::uint32_t qualityAccepted = 0;

    bool empty() const { return landCoverRole.empty() && ranges.empty() && qualityRole.empty(); }
    /// The data roles the mask reads (land cover, quality flags).
    std::vector<std::string> roles() const;
};

/// Parses a mask section ({"land_cover", "ranges", "quality"}); errors name `path`. Roles and
/// predictor names are not checked here (the project parser checks them against its file).
MaskSpec parseMaskSpec(const nlohmann::json& json, const std::string& path);
/// The mask section as project JSON (an empty object when nothing is masked).
nlohmann::json maskToJson(const MaskSpec& mask);

/// What a run writes.
struct OutputSpec {
    std::filesystem::path folder;      ///< runs, bundles and maps go below it (absolute)
    std::vector<std::string> mapDates; ///< prediction maps written after training
    int tileSize = 512;
};

/// A SoilScope project: versioned JSON ("format": "soilscope-project", "version": 1).
/// See docs/project-file.md.
struct ProjectFile {
    std::filesystem::path file; ///< where it was loaded from / will be saved to
    std::string name;
    std::string workload; ///< free text or one of the five workload ids
    std::string description;
    std::map<std::string, DataLayer> data;
    std::vector<features::PredictorSpec> predictors;
    TargetSpec target;
    SampleSpec samples;
    MaskSpec mask;
    nlohmann::json split = nlohmann::json::object();    ///< training::SplitSettings JSON
    nlohmann::json model = nlohmann::json::object();    ///< {"family", "params"}
    nlohmann::json training = nlohmann::json::object(); ///< training::TrainSettings JSON
    OutputSpec outputs;

    /// Whether predictors and a target are declared (a data-only project has neither yet).
    bool hasLearningSetup() const { return !predictors.empty() && !target.role.empty(); }
    /// The layer of a role; throws soilscope::Error naming the file and the role.
    const DataLayer& layer(const std::string& role) const;
    /// The project as JSON (paths relative to `base` when below it).
    nlohmann::json toJson(const std::filesystem::path& base) const;
};

/// Parses project JSON; `file` resolves relative paths and names errors. Older versions are
/// migrated; a newer version or a wrong "format" is rejected. Errors read
/// "<file>: /predictors/2/days: expected an integer".
ProjectFile parseProject(const nlohmann::json& json, const std::filesystem::path& file);
/// Reads and parses a project file.
ProjectFile loadProject(const std::filesystem::path& file);
/// Writes atomically (temporary file + rename); an existing file stays intact on failure.
void saveProject(const ProjectFile& project, const std::filesystem::path& file);
/// Upgrades an older document to the current version (returns it unchanged when current).
nlohmann::json migrateProject(nlohmann::json json, const std::string& context);

/// How training read each layer the predictors and masks use, for a model bundle: per role its
/// variable or band, kind, units, resampling or gridding onto the sample grid and accumulation
/// convention, which predict applies to the layers it is given (no re-resampling by hand).
nlohmann::json inputPreparationToJson(const ProjectFile& project);

} // namespace soilscope::project
