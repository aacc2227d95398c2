#include "geo/grid.h"

#include "base/error.h"
#include "geo/gdal_support.h"

#include <geodesic.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::geo {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<int> epsgOf(const OGRSpatialReference& srs) {
    const char* name = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (name && code && EQUAL(name, "EPSG"))
        return std::atoi(code);
    return std::nullopt;
}

std::optional<int> identifyEpsg(const OGRSpatialReference& srs) {
    if (auto code = epsgOf(srs))
        return code;
    OGRSpatialReference copy(srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE)
        if (auto code = epsgOf(copy))
            return code;
    int count = 0;
    int* confidence = nullptr;
    OGRSpatialReferenceH* matches = srs.FindMatches(nullptr, &count, &confidence);
    std::optional<int> result;
    if (matches && count > 0 && confidence && confidence[0] >= 90)
        result = epsgOf(*OGRSpatialReference::FromHandle(matches[0]));
    OSRFreeSRSArray(matches);
    CPLFree(confidence);
    return result;
}

OGRSpatialReference parseCrs(const std::string& crs) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        throw Error("unrecognised coordinate reference system", crs.substr(0, 80));
    return srs;
}

OGRSpatialReference wgs84() {
    OGRSpatialReference srs;
    srs.SetWellKnownGeogCS("WGS84");
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const {
        OGRCoordinateTransformation::DestroyCT(ct);
    }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

TransformPtr makeTransform(const std::string& wkt, bool toLonLat) {
    if (wkt.empty())
        throw Error("the grid has no coordinate reference system; lon/lat is unknown");
    detail::GdalErrorCapture capture;
    const OGRSpatialReference grid = parseCrs(wkt);
    const OGRSpatialReference geographic = wgs84();
    TransformPtr ct(toLonLat ? OGRCreateCoordinateTransformation(&grid, &geographic)
                             : OGRCreateCoordinateTransformation(&geographic, &grid));
    if (!ct)
        detail::throwGdal("cannot transform between the grid CRS and WGS 84", {}, capture);
    return ct;
}

/// The transformations between CRSs and WGS 84 that one thread made, the latest kKept of them.
struct ThreadTransforms {
    static constexpr std::size_t kKept = 8;
    std::vector<std::pair<std::string, TransformPtr>> made;
    std::size_t next = 0;

    OGRCoordinateTransformation* find(const std::string& key) const {
        for (const auto& [k, ct] : made)
            if (k == key)
                return ct.get();
        return nullptr;
    }
    OGRCoordinateTransformation* keep(const std::string& key, TransformPtr ct) {
        if (made.size() < kKept)
            return made.emplace_back(key, std::move(ct)).second.get();
        auto& slot = made[next++ % kKept];
        slot = {key, std::move(ct)};
        return slot.second.get();
    }
};

/// The transformation between a CRS and WGS 84, made once per thread: PROJ's search for the
/// operation costs up to a second for a CRS without an EPSG code, and a map transforms in many
/// small calls. A transformation is used by the thread that made it only.
OGRCoordinateTransformation& transformFor(const std::string& wkt, bool toLonLat) {
    thread_local ThreadTransforms* cache = nullptr;
    const std::string key = (toLonLat ? "1" : "0") + wkt;
    if (cache)
        if (OGRCoordinateTransformation* ct = cache->find(key))
            return *ct;
    TransformPtr made = makeTransform(wkt, toLonLat);
    // Constructed after the thread's first transformation, and so after GDAL's thread-local
    // PROJ context: it is destroyed before that context when the thread ends.
    thread_local ThreadTransforms owner;
    cache = &owner;
    return *owner.keep(key, std::move(made));
}

void transformInPlace(const std::string& wkt, bool toLonLat, std::vector<double>& a,
                      std::vector<double>& b) {
    if (a.size() != b.size())
        throw Error("coordinate arrays differ in length");
    if (a.empty())
        return;
    OGRCoordinateTransformation* const ct = &transformFor(wkt, toLonLat);
    std::vector<int> ok(a.size(), 0);
    detail::GdalErrorCapture capture;
    ct->Transform(a.size(), a.data(), b.data(), nullptr, ok.data());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!ok[i])
            a[i] = b[i] = kNaN;
}

/// What a grid keeps of its CRS.
struct CrsFacts {
    std::string wkt;
    std::optional<int> epsg;
    bool geographic = false;
    double linearUnitMetres = 1.0, semiMajor = 6378137.0, inverseFlattening = 298.257223563;
};

CrsFacts crsFacts(const std::string& crs) {
    detail::GdalErrorCapture capture;
    const OGRSpatialReference srs = parseCrs(crs);
    CrsFacts f;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&wkt, options);
    f.wkt = wkt ? wkt : "";
    CPLFree(wkt);
    f.epsg = identifyEpsg(srs);
    f.geographic = srs.IsGeographic() != 0;
    if (!f.geographic)
        f.linearUnitMetres = srs.GetLinearUnits(nullptr);
    OGRErr err = OGRERR_NONE;
    const double a = srs.GetSemiMajor(&err);
    if (err == OGRERR_NONE && a > 0)
        f.semiMajor = a;
    const double invf = srs.GetInvFlattening(&err);
    if (err == OGRERR_NONE)
        f.inverseFlattening = invf;
    return f;
}

/// crsFacts, remembered: identifying the EPSG code of a CRS that has none searches proj.db
/// (up to a second), and every drawing of a map makes grids of the same CRS.
CrsFacts rememberedCrsFacts(const std::string& crs) {
    static std::mutex mutex;
    static std::map<std::string, CrsFacts> known;
    {
        const std::lock_guard lock(mutex);
        if (const auto it = known.find(crs); it != known.end())
            return it->second;
    }
    CrsFacts f = crsFacts(crs);
    const std::lock_guard lock(mutex);
    if (known.size() >= 64)
        known.clear();
    known.emplace(crs, f);
    return f;
}

} // namespace

Grid::Grid(const std::string& crs, const std::array<double, 6>& geoTransform, int width, int height)
    : m_gt(geoTransform), m_width(width), m_height(height) {
    if (width < 0 || height < 0)
        throw Error("a grid cannot have a negative size");
    if (crs.empty())
        return;
    CrsFacts f = rememberedCrsFacts(crs);
    m_crsWkt = std::move(f.wkt);
    m_epsg = f.epsg;
    m_geographic = f.geographic;
    m_linearUnitMetres = f.linearUnitMetres;
    m_semiMajor = f.semiMajor;
    m_inverseFlattening = f.inverseFlattening;
}

Grid Grid::fromBounds(const std::string& crs, double xmin, double ymin, double xmax, double ymax,
                      double resX, double resY) {
    if (!(resX > 0) || !(resY > 0))
        throw Error("grid resolution must be positive");
    if (!(xmax > xmin) || !(ymax > ymin))
        throw Error("grid bounds are empty or inverted");
    const int w = static_cast<int>(std::ceil((xmax - xmin) / resX - 1e-9));
    const int h = static_cast<int>(std::ceil((ymax - ymin) / resY - 1e-9));
    return Grid(crs, {xmin, resX, 0.0, ymax, 0.0, -resY}, w, h);
}

Grid Grid::geographic(double lonMin, double latMin, double lonMax, double latMax, double res) {
    return fromBounds("EPSG:4326", lonMin, latMin, lonMax, latMax, res, res);
}

MapPoint Grid::pixelToMap(double col, double row) const {
    return {m_gt[0] + col * m_gt[1] + row * m_gt[2], m_gt[3] + col * m_gt[4] + row * m_gt[5]};
}

PixelPoint Grid::mapToPixel(double x, double y) const {
    const double det = m_gt[1] * m_gt[5] - m_gt[2] * m_gt[4];
    if (det == 0.0)
        throw Error("the grid's geotransform cannot be inverted");
    const double dx = x - m_gt[0];
    const double dy = y - m_gt[3];
    return {(m_gt[5] * dx - m_gt[2] * dy) / det, (-m_gt[4] * dx + m_gt[1] * dy) / det};
}

LonLat Grid::mapToLonLat(double x, double y) const {
    std::vector<double> xs{x}, ys{y};
    mapToLonLat(xs, ys);
    return {xs[0], ys[0]};
}

MapPoint Grid::lonLatToMap(double lon, double lat) const {
    std::vector<double> xs{lon}, ys{lat};
    lonLatToMap(xs, ys);
    return {xs[0], ys[0]};
}

void Grid::mapToLonLat(std::vector<double>& x, std::vector<double>& y) const {
    transformInPlace(m_crsWkt, true, x, y);
}

void Grid::lonLatToMap(std::vector<double>& lon, std::vector<double>& lat) const {
    transformInPlace(m_crsWkt, false, lon, lat);
    if (!m_geographic || !isValid())
        return;
    // A geographic grid may run 0..360 (ERA5, GRIB) or -180..180: a longitude outside the grid
    // that lies inside it one turn away is the same place.
    const Bounds b = bounds();
    for (auto& x : lon) {
        if (!std::isfinite(x) || (x >= b.xmin && x <= b.xmax))
            continue;
        if (x + 360.0 >= b.xmin && x + 360.0 <= b.xmax)
            x += 360.0;
        else if (x - 360.0 >= b.xmin && x - 360.0 <= b.xmax)
            x -= 360.0;
    }
}

std::vector<PixelPoint> Grid::lonLatToPixels(const std::vector<LonLat>& points) const {
    std::vector<double> xs, ys;
    for (const auto& p : points) {
        xs.push_back(p.lon);
        ys.push_back(p.lat);
    }
    std::vector<PixelPoint> out(points.size(), PixelPoint{std::nan(""), std::nan("")});
    if (points.empty())
        return out;
    lonLatToMap(xs, ys);
    for (std::size_t i = 0; i < points.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i]))
            out[i] = mapToPixel(xs[i], ys[i]);
    return out;
}

LonLat Grid::pixelToLonLat(int col, int row) const {
    const MapPoint p = pixelCenter(col, row);
    return mapToLonLat(p.x, p.y);
}

Bounds Grid::bounds() const {
    const MapPoint c[4] = {pixelToMap(0, 0), pixelToMap(m_width, 0), pixelToMap(0, m_height),
                           pixelToMap(m_width, m_height)};
    Bounds b{c[0].x, c[0].y, c[0].x, c[0].y};
    for (const auto& p : c) {
        b.xmin = std::min(b.xmin, p.x);
        b.xmax = std::max(b.xmax, p.x);
        b.ymin = std::min(b.ymin, p.y);
        b.ymax = std::max(b.ymax, p.y);
    }
    return b;
}

double Grid::resolutionX() const {
    return std::hypot(m_gt[1], m_gt[4]);
}
double Grid::resolutionY() const {
    return std::hypot(m_gt[2], m_gt[5]);
}

bool Grid::sameCrs(const Grid& other) const {
    if (m_crsWkt.empty() || other.m_crsWkt.empty())
        return m_crsWkt == other.m_crsWkt;
    if (m_crsWkt == other.m_crsWkt)
        return true;
    detail::GdalErrorCapture capture;
    const OGRSpatialReference a = parseCrs(m_crsWkt);
    const OGRSpatialReference b = parseCrs(other.m_crsWkt);
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    return a.IsSame(&b, options) != 0;
}

bool Grid::sameAs(const Grid& other, double tol) const {
    if (m_width != other.m_width || m_height != other.m_height)
        return false;
    const double sx = std::max(resolutionX(), other.resolutionX()) * tol;
    const double sy = std::max(resolutionY(), other.resolutionY()) * tol;
    for (int i = 0; i < 6; ++i) {
        const double scale = (i == 0 || i == 1 || i == 2) ? sx : sy;
        if (std::abs(m_gt[i] - other.m_gt[i]) > scale)
            return false;
    }
    return sameCrs(other);
}

std::string Grid::differenceFrom(const Grid& other, double tol) const {
    if (sameAs(other, tol))
        return {};
    char buf[200];
    if (m_width != other.m_width || m_height != other.m_height) {
        std::snprintf(buf, sizeof buf, "%d x %d pixels against %d x %d", m_width, m_height,
                      other.m_width, other.m_height);
        return buf;
    }
    if (!sameCrs(other))
        return "another coordinate reference system";
    const double dx = (m_gt[0] - other.m_gt[0]) / other.resolutionX();
    const double dy = (m_gt[3] - other.m_gt[3]) / other.resolutionY();
    if (std::abs(dx) > tol || std::abs(dy) > tol) {
        std::snprintf(buf, sizeof buf, "the origin is shifted by %.6g, %.6g pixels", dx, dy);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "pixel size %.10g x %.10g against %.10g x %.10g", resolutionX(),
                  resolutionY(), other.resolutionX(), other.resolutionY());
    return buf;
}

GroundSpacing Grid::groundSpacing(int row) const {
    if (!m_geographic) {
        return {resolutionX() * m_linearUnitMetres, resolutionY() * m_linearUnitMetres};
    }
    geod_geodesic g{};
    geod_init(&g, m_semiMajor, m_inverseFlattening > 0 ? 1.0 / m_inverseFlattening : 0.0);
    const MapPoint c = pixelCenter(m_width / 2, row);
    const double lat = std::clamp(c.y, -90.0, 90.0);
    double dx = 0.0, dy = 0.0;
    geod_inverse(&g, lat, c.x, lat, c.x + resolutionX(), &dx, nullptr, nullptr);
    const double halfY = resolutionY() / 2.0;
    geod_inverse(&g, std::max(-90.0, lat - halfY), c.x, std::min(90.0, lat + halfY), c.x, &dy,
                 nullptr, nullptr);
    return {dx, dy};
}

Grid Grid::window(int x0, int y0, int width, int height) const {
    if (width < 0 || height < 0)
        throw Error("a grid window cannot have a negative size");
    Grid g = *this;
    const MapPoint origin = pixelToMap(x0, y0);
    g.m_gt[0] = origin.x;
    g.m_gt[3] = origin.y;
    g.m_width = width;
    g.m_height = height;
    return g;
}

Grid Grid::resized(int outWidth, int outHeight) const {
    if (outWidth <= 0 || outHeight <= 0)
        throw Error("a resized grid needs a positive size");
    Grid g = *this;
    const double fx = static_cast<double>(m_width) / outWidth;
    const double fy = static_cast<double>(m_height) / outHeight;
    g.m_gt[1] *= fx;
    g.m_gt[4] *= fx;
    g.m_gt[2] *= fy;
    g.m_gt[5] *= fy;
    g.m_width = outWidth;
    g.m_height = outHeight;
    return g;
}

std::string Grid::describe() const {
    char buf[160];
    const std::string crs =
        m_epsg ? "EPSG:" + std::to_string(*m_epsg) : (m_crsWkt.empty() ? "no CRS" : "custom CRS");
    std::snprintf(buf, sizeof buf, "%d x %d, %s, %.6g x %.6g", m_width, m_height, crs.c_str(),
                  resolutionX(), resolutionY());
    return buf;
}

} // namespace soilscope::geo
