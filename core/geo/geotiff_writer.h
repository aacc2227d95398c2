#pragma once
#include "base/feedback.h"
#include "geo/grid.h"
#include "geo/raster.h"

#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::geo {

/// GeoTIFF compression codecs.
enum class Compression { None, Deflate, Zstd, Lzw };

/// How GeoTIFFs are written. Float32 bands; NaN in the data is written as the nodata value.
struct GeoTiffOptions {
    Compression compression = Compression::Deflate;
    int level = 0;         ///< codec level (Deflate 1-9, Zstd 1-22); 0 = GDAL default
    bool predictor = true; ///< floating-point predictor (3) for Deflate/Zstd/LZW
    int blockSize = 512;   ///< tile size in pixels (multiple of 16)
    std::optional<double> nodata = std::numeric_limits<double>::quiet_NaN(); ///< nullopt = none
    std::vector<std::string> bandDescriptions;   ///< one per band, may be shorter
    std::vector<std::string> bandUnits;          ///< one per band, may be shorter
    std::map<std::string, std::string> metadata; ///< dataset metadata key/values
    bool cog = false;                            ///< Cloud Optimized GeoTIFF layout with overviews
    std::string overviewResampling = "AVERAGE";  ///< COG overview kernel
};

/// Writes float bands (each width*height values, row-major) on a grid as a tiled, compressed
/// GeoTIFF, atomically (temporary file + rename); throws soilscope::Error on failure and leaves
/// an existing target untouched.
void writeGeoTiff(const std::filesystem::path& path, const Grid& grid,
                  const std::vector<std::vector<float>>& bands, const GeoTiffOptions& options = {});

/// Writes a single band (see the multi-band overload).
void writeGeoTiff(const std::filesystem::path& path, const Grid& grid,
                  const std::vector<float>& band, const GeoTiffOptions& options = {});

/// The options of a scratch file read back once (into a COG, or a mosaic of parts): `options`
/// compressed for speed (ZSTD level 1, no predictor), not a COG.
GeoTiffOptions scratchOptions(const GeoTiffOptions& options);

/// Writes a GeoTIFF block by block (e.g. inference tiles) into a temporary file; finish()
/// moves it into place. Destroying the writer without finish() removes the temporary file.
/// Not thread-safe: call it from one thread at a time.
class GeoTiffBlockWriter {
  public:
    /// Creates the temporary file for `bands` Float32 bands on `grid`.
    GeoTiffBlockWriter(const std::filesystem::path& path, const Grid& grid, int bands,
                       const GeoTiffOptions& options = {});
    ~GeoTiffBlockWriter();
    GeoTiffBlockWriter(const GeoTiffBlockWriter&) = delete;
    GeoTiffBlockWriter& operator=(const GeoTiffBlockWriter&) = delete;

    /// Writes a w x h block (row-major, NaN = nodata) at (x0, y0) of a band (1-based).
    void writeBlock(int band, int x0, int y0, int w, int h, const float* data);
    /// Vector overload; data.size() must be w * h.
    void writeBlock(int band, int x0, int y0, int w, int h, const std::vector<float>& data);
    /// Flushes, builds the COG layout when asked (its progress and cancellation through
    /// `feedback`), and renames into place.
    void finish(Feedback* feedback = nullptr);
    /// The final path.
    const std::filesystem::path& path() const { return m_path; }
    /// The grid being written.
    const Grid& grid() const { return m_grid; }

  private:
    void close();
    std::filesystem::path m_path;
    std::filesystem::path m_tmp;
    Grid m_grid;
    int m_bands = 0;
    GeoTiffOptions m_options;
    void* m_dataset = nullptr;
    bool m_finished = false;
};

/// A block of a mosaic: its band and window, and the file (on the same grid) that holds it.
struct MosaicBlock {
    int band = 1;
    Window window;
    std::filesystem::path file;
};

/// Writes the blocks, each taken from its file, as one GeoTIFF (COG layout when asked) in one
/// pass, atomically; blocks not listed are nodata. Descriptions, units and metadata come from
/// `options`, as for the other writers. Progress and cancellation through `feedback`.
void writeMosaicGeoTiff(const std::filesystem::path& path, const Grid& grid, int bands,
                        const std::vector<MosaicBlock>& blocks, const GeoTiffOptions& options = {},
                        Feedback* feedback = nullptr);

} // namespace soilscope::geo
