#pragma once
#include "features/dataset.h"
#include "features/masks.h"
#include "geo/raster.h"

#include <string>
#include <vector>

namespace soilscope::features {

/// Predictors and target of one date on a window of the sample grid.
struct GridFrame {
    TimePoint date{};
    std::vector<std::vector<float>> planes; ///< one plane per predictor, window size, NaN = invalid
    std::vector<float> target;              ///< window size, NaN = missing
    Mask mask;                              ///< land cover / range / quality; empty = all valid
    std::vector<float> landCover;           ///< optional class codes (group labels)
};

/// Where the frames lie on the sample grid (cell ids are row * gridWidth + col).
struct FramePlacement {
    geo::Window window;
    int gridWidth = 0;
};

/// The series of one location (a station or a pixel): per date the predictor values and the
/// target (NaN = missing), plus its labels.
struct LocationSeries {
    std::string station;
    std::string network;
    std::string user;
    std::int64_t cell = -1;
    int landCover = -1;
    std::vector<TimePoint> dates;
    std::vector<std::vector<float>> features; ///< [T][p]
    std::vector<float> target;                ///< [T]
};

/// Tabular samples, one per valid pixel × date: all predictors finite, target finite and
/// the mask set. featureShape {p}, targetShape {1}; labels cell, date, year, land cover.
Dataset buildTabular(const std::vector<GridFrame>& frames, const std::vector<std::string>& names,
                     const FramePlacement& placement);

/// Image samples for CNNs: patch = 0 gives one whole image per date; an odd or even
/// patch > 0 cuts non-overlapping patch × patch tiles (partial edge tiles padded with NaN).
/// featureShape {C, H, W}, targetShape {H, W}; targetMask = target finite, mask set and every
/// predictor finite at that pixel. Tiles or images without a valid pixel are dropped.
/// Labels: cell of the tile's top-left pixel, date, year.
Dataset buildImages(const std::vector<GridFrame>& frames, const std::vector<std::string>& names,
                    const FramePlacement& placement, int patch = 0);

/// Tabular samples from location series (station × time): dates where every predictor and
/// the target are finite. Labels station, network, cell, date, year, land cover, user.
Dataset buildLocationTabular(const std::vector<LocationSeries>& locations,
                             const std::vector<std::string>& names);

/// Sequence samples. length = 0: whole-series sequence-to-sequence, one sample per location,
/// featureShape {T, p}, targetShape {T} (shorter series padded; targetMask marks valid
/// targets). length > 0: windows of `length` steps ending at every stride-th date whose target
/// is valid, targetShape {1} (the last step). Missing predictor values stay NaN (see
/// fillMissing); a target is valid only where its step's predictors are all finite.
Dataset buildSequences(const std::vector<LocationSeries>& locations,
                       const std::vector<std::string>& names, int length = 0, int stride = 1);

/// Appends the samples of `part` to `into` (shapes must agree; an empty `into` takes them).
void appendDataset(Dataset& into, const Dataset& part);

/// Replaces non-finite feature values by `value` (after normalisation: 0 = the mean).
void fillMissing(Dataset& data, float value = 0.0f);

/// The calendar year of a UTC time.
int yearOf(TimePoint t);

} // namespace soilscope::features
