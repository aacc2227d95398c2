#pragma once
#include "base/feedback.h"
#include "features/masks.h"
#include "features/normaliser.h"
#include "features/predictor_engine.h"
#include "geo/geotiff_writer.h"

#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::models {
class Predictor;
}

namespace soilscope::inference {

/// A model applied to a batch: x [n, featureShape...] (normalised) → [n, targetShape...].
using BatchModel = std::function<std::vector<float>(const float* x, std::size_t n)>;

/// The sample layout a model expects.
struct ModelLayout {
    std::string layout = "tabular"; ///< tabular (one pixel per sample) or image
    int imageHeight = 0;            ///< image: model input size [C, H, W]
    int imageWidth = 0;
    int halo = 0;            ///< image: context pixels dropped at each tile edge
    bool threadSafe = false; ///< tabular: the model may run on several blocks at once
};

/// Extra validity per block (land cover, ranges, ...): planes of the block, window, date.
using BlockMask = std::function<features::Mask(const std::vector<std::vector<float>>& planes,
                                               const geo::Window& window, TimePoint date)>;

/// How tiled prediction runs and what it writes.
struct TiledInferenceOptions {
    int tileSize = 512;              ///< tabular models: square blocks of this size
    std::size_t batchPixels = 16384; ///< tabular models: samples per model call (cache-sized)
    geo::GeoTiffOptions tiff;        ///< compression, block size, COG layout, metadata
    std::string description = "soil_moisture"; ///< band description (dates are appended)
    std::string units = "m3 m-3"; ///< what the model predicts, on the bands and the style
    std::optional<std::pair<double, double>> clamp; ///< clip predictions to physical bounds
    bool writeStyle = true;                         ///< QGIS .qml sidecar
    /// The style's colour ramp spans the 2nd to 98th percentile of the predictions, kept inside
    /// [styleMin, styleMax] (the target's valid range when known).
    double styleMin = -std::numeric_limits<double>::infinity();
    double styleMax = std::numeric_limits<double>::infinity();
    BlockMask mask;               ///< optional
    Feedback* feedback = nullptr; ///< progress per tile and cancellation (optional)
};

/// Figures of one prediction run.
struct InferenceStats {
    std::size_t pixels = 0;    ///< grid pixels × dates
    std::size_t predicted = 0; ///< pixels with a prediction
    std::size_t tiles = 0;
    double seconds = 0.0;
};

/// Predicts a map per date over the engine's grid, block by block (predictors computed per
/// block with the halo they need), and writes one Float32 band per date to `out` as a tiled,
/// compressed GeoTIFF (COG layout when options.tiff.cog) with nodata, band descriptions
/// (ISO dates for series) and a QGIS style sidecar. Peak memory depends on the tile size, not
/// on the raster size. The output appears only when everything succeeded.
InferenceStats predictToGeoTiff(const features::PredictorEngine& engine,
                                const features::Normaliser& normaliser, const BatchModel& model,
                                const ModelLayout& layout, const std::vector<TimePoint>& dates,
                                const std::filesystem::path& out,
                                const TiledInferenceOptions& options = {});

/// The model, normalisation and layout of a loaded bundle (models::Predictor).
struct BundleModel {
    BatchModel model;
    features::Normaliser normaliser;
    ModelLayout layout;
};
/// Wraps a bundle for tiled prediction; throws soilscope::Error naming `context` when its
/// normalisation does not fit its feature shape.
BundleModel bundleModel(const models::Predictor& predictor, const std::string& context);

} // namespace soilscope::inference
