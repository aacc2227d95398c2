#pragma once
// Per-pixel maps of the sequence-to-sequence workloads: every pixel of the sample grid becomes a
// sequence of the same inputs as a station sample (predictor engine and frame mask of the
// project, then the workload's own channels), run through the trained model in batches.
#include "features/dataset.h"
#include "features/normaliser.h"
#include "geo/grid.h"
#include "models/trained_model.h"
#include "project/project_dataset.h"
#include "project/project_file.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::workloads {

class WorkloadRun;

/// Raw pixel sequences of a window: [pixels, T, predictors] over all sample dates, the
/// project's frame mask applied (masked steps NaN, as for stations). Labels: cell (row * grid
/// width + col) and land cover from `landCover` (one value per grid pixel, empty = -1);
/// targets NaN, targetMask 0. Cancellation is checked once per date.
features::Dataset pixelSequences(const project::ProjectFile& project,
                                 const project::ProjectData& data, const geo::Window& window,
                                 const std::vector<float>& landCover, const Feedback& feedback);

/// The project's land_cover layer on the whole sample grid (nearest band to the last date for
/// series); empty when the project has none.
std::vector<float> landCoverPlane(const project::ProjectFile& project,
                                  const project::ProjectData& data);

/// Adds the workload's own channels to raw pixel (or station) sequences in place, in the order
/// the model was trained on; returns one flag per sample (1 = map it), or empty for all.
using SequenceChannels = std::function<std::vector<std::uint8_t>(features::Dataset& sequences)>;

/// How a sequence map runs.
struct SequenceMapSettings {
    std::vector<std::size_t> steps;     ///< indices into the sample dates to write, ascending
    std::size_t batch = 1024;           ///< pixel sequences per forward
    std::size_t blockBytes = 64u << 20; ///< raw sequences held at once (sets the rows per block)
    std::size_t extraChannels = 0;      ///< channels the workload appends (for the block size)
    double progressFrom = 0, progressTo = 100;
};

/// Maps of the chosen steps: one band per step, NaN where the step's inputs are missing or
/// masked, where the pixel was not mapped, or where the prediction is not finite.
struct SequenceMap {
    std::vector<TimePoint> dates;
    std::vector<std::vector<float>> bands; ///< per step, grid size
    std::size_t pixels = 0;                ///< grid pixels
    std::size_t sequences = 0;             ///< pixel sequences run through the model
    std::size_t excluded = 0;              ///< pixels the channels callback left out
    double seconds = 0;                    ///< wall time of the whole map
    double inputSeconds = 0;               ///< of which building the pixel sequences
    double modelSeconds = 0;               ///< of which the network's forward passes
    std::string forward;                   ///< "fast_lstm" (inference::fastLstm) or "libtorch"
};

/// Builds, normalises (missing values 0, as in training) and predicts every pixel's sequence
/// block by block, with progress and cancellation through `run`. `model` must predict the
/// target's units.
SequenceMap predictSequenceMap(const project::ProjectFile& project,
                               const project::ProjectData& data, const models::TrainedModel& model,
                               const features::Normaliser& normaliser,
                               const SequenceChannels& channels,
                               const SequenceMapSettings& settings, WorkloadRun& run);

/// The last step at which at least half of the sequences have every input finite (the end of a
/// series often lacks interpolated inputs); the last step when none qualifies.
std::size_t lastCompleteStep(const features::Dataset& sequences);

/// A station whose own land-cover class (ISMN metadata) differs from the land-cover layer at its
/// pixel: the map uses the layer's class there, so its inputs differ from the station's.
struct CoverMismatch {
    std::string station;
    int stationClass = -1, layerClass = -1;
};
/// The stations of `stations` (groups.landCover, groups.cell) whose class differs from `cover`
/// (a grid plane, e.g. landCoverPlane); none when `cover` is empty.
std::vector<CoverMismatch> coverMismatches(const features::Dataset& stations,
                                           const std::vector<float>& cover);
/// "AG05 (40 vs 30), ..." for a report.
std::string describeMismatches(const std::vector<CoverMismatch>& mismatches);

/// The last `count` sample dates (0 = all) up to and including `lastStep`.
std::vector<std::size_t> lastSteps(std::size_t lastStep, std::size_t count);

/// Writes the map as a Float32 GeoTIFF (one band per date, descriptions "<prefix> <ISO date>",
/// NaN nodata) atomically, and lists it in the run.
void writeSequenceMap(WorkloadRun& run, const std::string& name, const geo::Grid& grid,
                      const SequenceMap& map, const std::string& prefix,
                      const std::string& description);

/// The sanity check of a map against the stations: the map at each station's pixel beside the
/// same model's prediction from the station's own sequence, the observation and (when given)
/// the held-out prediction of the cross-validation. Writes `<name>` (CSV), adds the metrics
/// (scope "map check") and a note; returns the largest |map − station prediction| over the
/// stations whose pixel has the same inputs (not in `otherInputs`), where it must be ~0.
/// `stations` are the raw station sequences (groups.cell and groups.station set, y and
/// targetMask the observations); `stationPredictions` [n, T] the model's outputs for them;
/// `heldOut` maps (station, step) to the held-out prediction.
double checkMapAtStations(WorkloadRun& run, const std::string& name, const SequenceMap& map,
                          const std::vector<std::size_t>& steps, const features::Dataset& stations,
                          const std::vector<float>& stationPredictions,
                          const std::map<std::pair<std::string, std::size_t>, float>& heldOut,
                          const std::vector<CoverMismatch>& otherInputs);

/// Where the project has a `truth` role (the twin's known soil moisture; checking only, never an
/// input): the map against it on the map's dates, pooled over pixels, as metrics (scope "map
/// truth check", `group`) and a note. Does nothing without a truth layer.
void compareMapWithTruth(WorkloadRun& run, const project::ProjectFile& project,
                         const project::ProjectData& data, const SequenceMap& map,
                         const std::string& group);

} // namespace soilscope::workloads
