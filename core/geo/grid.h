#pragma once
#include "base/feedback.h"

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::geo {

/// Progress of a long operation as a fraction 0..1. It may throw (e.g. soilscope::CanceledError
/// from Feedback::throwIfCanceled) to stop the operation; the exception reaches the caller.

/// A rectangle in map coordinates of a Grid's CRS.
struct Bounds {
    double xmin = 0.0;
    double ymin = 0.0;
    double xmax = 0.0;
    double ymax = 0.0;
    /// xmax - xmin
    double width() const { return xmax - xmin; }
    /// ymax - ymin
    double height() const { return ymax - ymin; }
};

/// A point in map coordinates (CRS units, x = easting / longitude).
struct MapPoint {
    double x = 0.0;
    double y = 0.0;
};

/// A point in fractional pixel coordinates: (0,0) is the top-left corner of the first pixel,
/// (0.5,0.5) its centre.
struct PixelPoint {
    double col = 0.0;
    double row = 0.0;
};

/// A geographic position in degrees (WGS 84 / the CRS's geographic base), lon first.
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

/// Pixel spacing on the ground in metres.
struct GroundSpacing {
    double dxMetres = 0.0; ///< east-west distance between neighbouring column centres
    double dyMetres = 0.0; ///< north-south distance between neighbouring row centres
};

/// A raster grid: CRS (WKT + EPSG code when known), affine geotransform and size.
/// Geotransform as GDAL: x = gt[0] + col*gt[1] + row*gt[2], y = gt[3] + col*gt[4] + row*gt[5].
/// A value type, cheap to copy and safe to share between threads (transforms are built per call).
class Grid {
  public:
    Grid() = default;
    /// A grid from a CRS (WKT, "EPSG:n", PROJ string; empty = unknown), geotransform and size.
    Grid(const std::string& crs, const std::array<double, 6>& geoTransform, int width, int height);

    /// A north-up grid covering [xmin,xmax]x[ymin,ymax] with square-ish pixels of resX x resY
    /// (size rounded up so the bounds are covered; origin at (xmin, ymax)).
    static Grid fromBounds(const std::string& crs, double xmin, double ymin, double xmax,
                           double ymax, double resX, double resY);
    /// A north-up WGS 84 (EPSG:4326) grid in degrees with res x res pixels.
    static Grid geographic(double lonMin, double latMin, double lonMax, double latMax, double res);

    /// CRS as WKT2; empty when unknown.
    const std::string& crsWkt() const { return m_crsWkt; }
    /// EPSG code of the CRS when it is identified as one.
    std::optional<int> epsg() const { return m_epsg; }
    /// True when the grid has a CRS.
    bool hasCrs() const { return !m_crsWkt.empty(); }
    /// The six geotransform coefficients.
    const std::array<double, 6>& geoTransform() const { return m_gt; }
    /// Number of columns.
    int width() const { return m_width; }
    /// Number of rows.
    int height() const { return m_height; }
    /// width * height.
    std::size_t pixelCount() const {
        return static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height);
    }
    /// True when the grid has a positive size.
    bool isValid() const { return m_width > 0 && m_height > 0; }

    /// Map coordinates of a fractional pixel position.
    MapPoint pixelToMap(double col, double row) const;
    /// Map coordinates of the centre of pixel (col, row).
    MapPoint pixelCenter(int col, int row) const { return pixelToMap(col + 0.5, row + 0.5); }
    /// Fractional pixel position of a map point (inverse geotransform).
    PixelPoint mapToPixel(double x, double y) const;
    /// Geographic lon/lat of a map point; throws soilscope::Error when there is no CRS.
    LonLat mapToLonLat(double x, double y) const;
    /// Map point of a lon/lat position; throws soilscope::Error when there is no CRS.
    MapPoint lonLatToMap(double lon, double lat) const;
    /// Bulk map -> lon/lat in place (x becomes lon, y becomes lat); faster than per point.
    void mapToLonLat(std::vector<double>& x, std::vector<double>& y) const;
    /// Bulk lon/lat -> map in place (lon becomes x, lat becomes y).
    void lonLatToMap(std::vector<double>& lon, std::vector<double>& lat) const;
    /// Fractional pixel positions of lon/lat points; NaN for a point the CRS cannot place.
    std::vector<PixelPoint> lonLatToPixels(const std::vector<LonLat>& points) const;
    /// Lon/lat of the centre of pixel (col, row).
    LonLat pixelToLonLat(int col, int row) const;

    /// Extent in map coordinates (of all four corners, so it also holds for rotated grids).
    Bounds bounds() const;
    /// Pixel width in CRS units (always positive).
    double resolutionX() const;
    /// Pixel height in CRS units (always positive).
    double resolutionY() const;
    /// True for north-up grids without rotation terms.
    bool isNorthUp() const { return m_gt[2] == 0.0 && m_gt[4] == 0.0 && m_gt[5] < 0.0; }
    /// True when the CRS is geographic (degrees).
    bool isGeographic() const { return m_geographic; }
    /// True when CRS, size and geotransform agree; geotransform within tol * pixel size (the
    /// default, a thousandth of a pixel, absorbs the floating-point noise of real geotransforms,
    /// e.g. 3e-5 m on a 28.5 m Landsat grid).
    bool sameAs(const Grid& other, double tol = 1e-3) const;
    /// What differs from `other`, for messages: size, CRS, origin (in pixels) or pixel size;
    /// empty when sameAs(other, tol).
    std::string differenceFrom(const Grid& other, double tol = 1e-3) const;
    /// True when both grids use the same CRS (PROJ equivalence, ignoring axis order).
    bool sameCrs(const Grid& other) const;
    /// Ground spacing in metres at the centre of a row: geodesic (WGS 84 ellipsoid of the CRS)
    /// for geographic grids, the CRS unit converted to metres otherwise.
    GroundSpacing groundSpacing(int row) const;
    /// The sub-grid of a pixel window (same CRS and resolution, shifted origin).
    Grid window(int x0, int y0, int width, int height) const;
    /// The same extent with outWidth x outHeight pixels.
    Grid resized(int outWidth, int outHeight) const;
    /// A one-line description: "349 x 352, EPSG:31985, 28.5 x 28.5".
    std::string describe() const;

  private:
    std::string m_crsWkt;
    std::optional<int> m_epsg;
    std::array<double, 6> m_gt{0.0, 1.0, 0.0, 0.0, 0.0, 1.0};
    int m_width = 0;
    int m_height = 0;
    bool m_geographic = false;
    double m_linearUnitMetres = 1.0;
    double m_semiMajor = 6378137.0;
    double m_inverseFlattening = 298.257223563;
};

} // namespace soilscope::geo
