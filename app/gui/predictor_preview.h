#pragma once
#include "base/feedback.h"

#include <nlohmann/json.hpp>

#include <QString>

namespace soilscope::gui {

/// A predictor computed for the map: the GeoTIFF it was written to and what it shows.
struct PredictorPreview {
    QString path; ///< GeoTIFF of the predictor on the sample grid (one band)
    QString name; ///< the predictor's name
    QString date; ///< ISO date it was computed for (empty for static predictors)
    int validPixels = 0;
};

/// The predictors of a project document: its own, else those of its workload's preset.
nlohmann::json effectivePredictors(const nlohmann::json& document, const QString& projectPath);

/// Computes predictor `index` of the project document (indices, transforms, temporal
/// selection, valid ranges: what training sees) on the full sample grid at the latest sample
/// date where it has data, and writes it to a GeoTIFF in `outDir`. Runs on any thread; throws
/// soilscope::Error with a readable message when the project or its layers cannot be opened,
/// CanceledError when `feedback` is canceled.
PredictorPreview computePredictorPreview(const nlohmann::json& document, const QString& projectPath,
                                         int index, const QString& outDir,
                                         Feedback* feedback = nullptr);

} // namespace soilscope::gui
