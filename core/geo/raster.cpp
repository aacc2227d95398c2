#include "geo/raster.h"

#include "base/error.h"
#include "base/input_limits.h"
#include "geo/gdal_support.h"
#include "geo/netcdf_extent.h"
#include "geo/netcdf_lock.h"

#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

namespace soilscope::geo {

namespace fs = std::filesystem;
using detail::GdalErrorCapture;

namespace {

constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();

GDALDatasetH ds(void* handle) {
    return static_cast<GDALDatasetH>(handle);
}

bool looksLikeGdalName(const std::string& path) {
    // Subdataset names ("NETCDF:\"f.nc\":var", "HDF5:...") and virtual file systems.
    if (path.rfind("/vsi", 0) == 0)
        return true;
    const auto colon = path.find(':');
    if (colon == std::string::npos || colon == 0)
        return false;
    return std::all_of(path.begin(), path.begin() + static_cast<long>(colon), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

GDALRIOResampleAlg rioAlgorithm(Resampling r) {
    switch (r) {
    case Resampling::Nearest:
        return GRIORA_NearestNeighbour;
    case Resampling::Bilinear:
        return GRIORA_Bilinear;
    case Resampling::Average:
        return GRIORA_Average;
    }
    return GRIORA_NearestNeighbour;
}

std::map<std::string, std::string> toMap(char** list) {
    std::map<std::string, std::string> out;
    for (char** p = list; p && *p; ++p) {
        char* key = nullptr;
        const char* value = CPLParseNameValue(*p, &key);
        if (key)
            out[key] = value ? value : "";
        CPLFree(key);
    }
    return out;
}

std::pair<int, int> rasterSizeOf(const std::string& name) {
    GDALDatasetH h =
        GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!h)
        return {-1, -1};
    const std::pair<int, int> size{GDALGetRasterXSize(h), GDALGetRasterYSize(h)};
    GDALClose(h);
    return size;
}

/// CF lon/lat coordinate variables without a grid_mapping: CF implies geographic WGS 84.
bool hasLonLatAxes(const std::map<std::string, std::string>& md) {
    bool east = false, north = false;
    for (const auto& [key, value] : md) {
        if (key.size() < 6 || key.compare(key.size() - 6, 6, "#units") != 0)
            continue;
        east = east || value == "degrees_east" || value == "degree_east";
        north = north || value == "degrees_north" || value == "degree_north";
    }
    return east && north;
}

} // namespace

const char* resamplingName(Resampling r) {
    switch (r) {
    case Resampling::Nearest:
        return "nearest";
    case Resampling::Bilinear:
        return "bilinear";
    case Resampling::Average:
        return "average";
    }
    return "nearest";
}

Resampling parseResampling(const std::string& name) {
    if (name == "nearest" || name == "near")
        return Resampling::Nearest;
    if (name == "bilinear")
        return Resampling::Bilinear;
    if (name == "average" || name == "mean")
        return Resampling::Average;
    throw Error("unknown resampling '" + name + "' (expected nearest, bilinear or average)");
}

namespace {
bool namesNetcdf(const std::string& path) {
    std::string low = path;
    std::transform(low.begin(), low.end(), low.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto endsWith = [&](const char* suffix) {
        const std::string sfx = suffix;
        return low.size() >= sfx.size() &&
               low.compare(low.size() - sfx.size(), sfx.size(), sfx) == 0;
    };
    return low.rfind("netcdf:", 0) == 0 || endsWith(".nc") || endsWith(".nc4") ||
           endsWith(".cdf") || endsWith(".nc3");
}
} // namespace

std::unique_lock<std::recursive_mutex> Raster::libraryLock() const {
    return m_netcdf ? std::unique_lock<std::recursive_mutex>(netcdfLibraryMutex())
                    : std::unique_lock<std::recursive_mutex>();
}

Raster::Raster(const fs::path& path) : m_path(path.string()) {
    m_netcdf = namesNetcdf(m_path);
    // Held through the open of what looks like netCDF: the driver is known only afterwards.
    const auto openLock = libraryLock();
    GdalErrorCapture capture;
    bool folder = false;
    if (!looksLikeGdalName(m_path)) {
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw Error("file not found", m_path);
        folder = fs::is_directory(path, ec);
        if (!folder && !fs::is_regular_file(path, ec))
            throw Error("is not a regular file (a FIFO, socket or device)", m_path);
        if (!folder)
            checkNetcdfComplete(path);
    }
    // Some formats are folders (Sentinel-2 .SAFE, ESRI grids): let GDAL try those too.
    m_dataset =
        GDALOpenEx(m_path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   nullptr, nullptr, nullptr);
    if (!m_dataset && folder)
        throw Error("is a folder, not a raster GDAL can read", m_path);
    if (!m_dataset)
        detail::throwGdal("cannot open as a raster", m_path, capture);
    try {
        m_bandCount = GDALGetRasterCount(ds(m_dataset));
        if (m_bandCount == 0 && subdatasets().empty())
            throw Error("the file contains no raster bands", m_path);
        std::array<double, 6> gt{0.0, 1.0, 0.0, 0.0, 0.0, 1.0};
        m_hasGeoTransform = GDALGetGeoTransform(ds(m_dataset), gt.data()) == CE_None;
        std::string wkt;
        if (OGRSpatialReferenceH srs = GDALGetSpatialRef(ds(m_dataset))) {
            char* text = nullptr;
            const char* options[] = {"FORMAT=WKT2_2018", nullptr};
            OSRExportToWktEx(srs, &text, options);
            wkt = text ? text : "";
            CPLFree(text);
        }
        if (wkt.empty() && m_hasGeoTransform && hasLonLatAxes(metadata()))
            wkt = "EPSG:4326";
        m_grid =
            Grid(wkt, gt, GDALGetRasterXSize(ds(m_dataset)), GDALGetRasterYSize(ds(m_dataset)));
        checkGeolocation();
        detail::throwIfFailed("cannot read the raster's structure", m_path, capture);
        m_netcdf = m_netcdf || driverName() == "netCDF";
    } catch (...) {
        GDALClose(ds(m_dataset));
        m_dataset = nullptr;
        throw;
    }
}

Raster::~Raster() {
    if (m_dataset) {
        const auto lock = libraryLock();
        GdalErrorCapture capture;
        GDALClose(ds(m_dataset));
    }
}

Raster::Raster(Raster&& other) noexcept
    : m_path(std::move(other.m_path)), m_dataset(std::exchange(other.m_dataset, nullptr)),
      m_grid(std::move(other.m_grid)), m_bandCount(other.m_bandCount),
      m_hasGeoTransform(other.m_hasGeoTransform), m_netcdf(other.m_netcdf) {}

Raster& Raster::operator=(Raster&& other) noexcept {
    if (this != &other) {
        if (m_dataset) {
            const auto lock = libraryLock();
            GDALClose(ds(m_dataset));
        }
        m_path = std::move(other.m_path);
        m_dataset = std::exchange(other.m_dataset, nullptr);
        m_grid = std::move(other.m_grid);
        m_bandCount = other.m_bandCount;
        m_hasGeoTransform = other.m_hasGeoTransform;
        m_netcdf = other.m_netcdf;
    }
    return *this;
}

void Raster::checkGeolocation() const {
    const auto lock = libraryLock();
    // Geolocation arrays that do not match the data (e.g. lat/lon stored transposed) would
    // silently put every pixel in the wrong place: refuse them.
    const auto geo = metadata("GEOLOCATION");
    const auto x = geo.find("X_DATASET");
    const auto y = geo.find("Y_DATASET");
    if (x == geo.end() || y == geo.end())
        return;
    const int w = m_grid.width();
    const int h = m_grid.height();
    for (const auto& [axis, name] : {std::pair{"X", x->second}, std::pair{"Y", y->second}}) {
        const auto [aw, ah] = rasterSizeOf(name);
        const bool full = aw == w && ah == h;
        const bool line = ah == 1 && aw == (std::string(axis) == "X" ? w : h);
        if (!full && !line) {
            throw Error("inconsistent coordinates: the " +
                            std::string(axis == std::string("X") ? "longitude" : "latitude") +
                            " array is " + std::to_string(aw) + " x " + std::to_string(ah) +
                            " but the data are " + std::to_string(w) + " x " + std::to_string(h) +
                            " pixels (" + name + ")",
                        m_path);
        }
    }
}

namespace {
/// Pixel -> lon/lat (WGS 84) through a dataset's geolocation arrays, or back (toPixels), in place;
/// one flag per point tells whether it could be placed.
std::vector<int> transformByGeolocation(GDALDatasetH dataset, const std::string& path,
                                        std::vector<double>& xs, std::vector<double>& ys,
                                        bool toPixels) {
    GdalErrorCapture capture;
    const char* options[] = {"SRC_METHOD=GEOLOC_ARRAY", "DST_SRS=EPSG:4326", nullptr};
    void* transformer =
        GDALCreateGenImgProjTransformer2(dataset, nullptr, const_cast<char**>(options));
    if (!transformer)
        detail::throwGdal("cannot use the geolocation arrays", path, capture);
    std::vector<double> zs(xs.size(), 0.0);
    std::vector<int> ok(xs.size(), 0);
    GDALGenImgProjTransform(transformer, toPixels ? TRUE : FALSE, static_cast<int>(xs.size()),
                            xs.data(), ys.data(), zs.data(), ok.data());
    GDALDestroyGenImgProjTransformer(transformer);
    return ok;
}
} // namespace

std::vector<LonLat> Raster::pixelToLonLat(const std::vector<PixelPoint>& pixels) const {
    const auto lock = libraryLock();
    std::vector<double> xs, ys;
    for (const auto& p : pixels) {
        xs.push_back(p.col);
        ys.push_back(p.row);
    }
    std::vector<LonLat> out(pixels.size(), LonLat{std::nan(""), std::nan("")});
    if (pixels.empty())
        return out;
    if (m_hasGeoTransform || !hasGeolocationArrays()) {
        for (std::size_t i = 0; i < pixels.size(); ++i) {
            const auto m = m_grid.pixelToMap(xs[i], ys[i]);
            xs[i] = m.x;
            ys[i] = m.y;
        }
        m_grid.mapToLonLat(xs, ys);
        for (std::size_t i = 0; i < pixels.size(); ++i)
            out[i] = LonLat{xs[i], ys[i]};
        return out;
    }
    const auto ok = transformByGeolocation(ds(m_dataset), m_path, xs, ys, false);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        if (ok[i])
            out[i] = LonLat{xs[i], ys[i]};
    return out;
}

std::optional<GroundSpacing> Raster::geolocationSpacing() const {
    if (m_hasGeoTransform || !hasGeolocationArrays() || width() < 2 || height() < 2)
        return std::nullopt;
    constexpr int kLattice = 16;
    std::vector<PixelPoint> px;
    for (int i = 0; i < kLattice; ++i)
        for (int j = 0; j < kLattice; ++j) {
            const double c = 0.5 + (width() - 2) * (i + 0.5) / kLattice;
            const double r = 0.5 + (height() - 2) * (j + 0.5) / kLattice;
            px.push_back({c, r});
            px.push_back({c + 1.0, r});
            px.push_back({c, r + 1.0});
        }
    const auto ll = pixelToLonLat(px);
    const auto km = [](const LonLat& a, const LonLat& b) {
        constexpr double rad = 3.14159265358979323846 / 180.0;
        const double h = std::pow(std::sin((b.lat - a.lat) * rad / 2), 2) +
                         std::cos(a.lat * rad) * std::cos(b.lat * rad) *
                             std::pow(std::sin((b.lon - a.lon) * rad / 2), 2);
        return 2.0 * 6371008.8 * std::asin(std::min(1.0, std::sqrt(h)));
    };
    double sx = 0, sy = 0;
    int nx = 0, ny = 0;
    for (std::size_t k = 0; k + 2 < ll.size(); k += 3) {
        if (!std::isfinite(ll[k].lon))
            continue;
        if (std::isfinite(ll[k + 1].lon)) {
            sx += km(ll[k], ll[k + 1]);
            ++nx;
        }
        if (std::isfinite(ll[k + 2].lon)) {
            sy += km(ll[k], ll[k + 2]);
            ++ny;
        }
    }
    if (nx == 0 || ny == 0)
        return std::nullopt;
    return GroundSpacing{sx / nx, sy / ny};
}

std::vector<PixelPoint> Raster::lonLatToPixel(const std::vector<LonLat>& points) const {
    const auto lock = libraryLock();
    if (points.empty() || m_hasGeoTransform || !hasGeolocationArrays())
        return m_grid.lonLatToPixels(points);
    std::vector<double> xs, ys;
    for (const auto& p : points) {
        xs.push_back(p.lon);
        ys.push_back(p.lat);
    }
    std::vector<PixelPoint> out(points.size(), PixelPoint{std::nan(""), std::nan("")});
    const auto ok = transformByGeolocation(ds(m_dataset), m_path, xs, ys, true);
    for (std::size_t i = 0; i < points.size(); ++i)
        if (ok[i] && std::isfinite(xs[i]) && std::isfinite(ys[i]))
            out[i] = PixelPoint{xs[i], ys[i]};
    return out;
}

std::string Raster::driverName() const {
    GDALDriverH driver = GDALGetDatasetDriver(ds(m_dataset));
    return driver ? GDALGetDriverShortName(driver) : "";
}

void Raster::checkBand(int band) const {
    if (band < 1 || band > m_bandCount)
        throw Error("band " + std::to_string(band) + " does not exist (the raster has " +
                        std::to_string(m_bandCount) + ")",
                    m_path);
}

BandInfo Raster::band(int index) const {
    const auto lock = libraryLock();
    checkBand(index);
    GdalErrorCapture capture;
    GDALRasterBandH b = GDALGetRasterBand(ds(m_dataset), index);
    BandInfo info;
    info.index = index;
    info.dtype = GDALGetDataTypeName(GDALGetRasterDataType(b));
    int has = 0;
    const double nodata = GDALGetRasterNoDataValue(b, &has);
    if (has)
        info.nodata = nodata;
    info.scale = GDALGetRasterScale(b, &has);
    if (!has || info.scale == 0.0)
        info.scale = 1.0;
    info.offset = GDALGetRasterOffset(b, &has);
    if (!has)
        info.offset = 0.0;
    const char* units = GDALGetRasterUnitType(b);
    info.units = units ? units : "";
    const char* description = GDALGetDescription(b);
    info.description = description ? description : "";
    info.hasColorTable = GDALGetRasterColorTable(b) != nullptr;
    info.overviewCount = GDALGetOverviewCount(b);
    info.metadata = toMap(GDALGetMetadata(b, nullptr));
    return info;
}

bool Raster::hasGeolocationArrays() const {
    const auto geo = metadata("GEOLOCATION");
    return geo.count("X_DATASET") && geo.count("Y_DATASET");
}

namespace {

/// Reads raw values (as double, or straight into the float output when the band type converts to
/// float exactly), then turns masked/nodata values into NaN and applies scale/offset.
template <class T>
std::vector<T> readPhysical(const Raster& raster, int index, const Window& w, int outW, int outH,
                            Resampling resampling) {
    const std::string& path = raster.path();
    if (w.width <= 0 || w.height <= 0 || outW <= 0 || outH <= 0)
        throw Error("cannot read an empty window", path);
    if (w.x0 < 0 || w.y0 < 0 || w.x0 + w.width > raster.width() ||
        w.y0 + w.height > raster.height())
        throw Error("window " + std::to_string(w.x0) + "," + std::to_string(w.y0) + " " +
                        std::to_string(w.width) + " x " + std::to_string(w.height) +
                        " lies outside the raster (" + std::to_string(raster.width()) + " x " +
                        std::to_string(raster.height()) + ")",
                    path);
    const auto lock = raster.libraryLock();
    GdalErrorCapture capture;
    const BandInfo info = raster.band(index);
    GDALRasterBandH band =
        GDALGetRasterBand(static_cast<GDALDatasetH>(raster.nativeHandle()), index);
    // GDAL 3.6 reads netCDF's signed bytes as Byte (0-255) and says so only in PIXELTYPE.
    const char* pixelType = GDALGetMetadataItem(band, "PIXELTYPE", "IMAGE_STRUCTURE");
    const bool signedByte =
        info.dtype == "Byte" && pixelType && std::string(pixelType) == "SIGNEDBYTE";
    const int maskFlags = GDALGetMaskFlags(band);
    const bool useMask = !(maskFlags & GMF_ALL_VALID) && !(maskFlags & GMF_NODATA);
    const bool resampled = outW != w.width || outH != w.height;

    const std::uint64_t values =
        static_cast<std::uint64_t>(outW) * static_cast<std::uint64_t>(outH);
    checkMemoryFor(values * (sizeof(T) + (useMask ? 1 : 0)),
                   "band " + std::to_string(index) + " (" + std::to_string(outW) + " x " +
                       std::to_string(outH) + " values)",
                   path);
    std::vector<T> out(static_cast<std::size_t>(values));
    // Float output of a type float holds exactly: GDAL writes into the output itself (no double
    // scratch, no conversion pass); the values are the same as through double.
    const bool direct = std::is_same_v<T, float> &&
                        (info.dtype == "Float32" || info.dtype == "Byte" || info.dtype == "Int8" ||
                         info.dtype == "Int16" || info.dtype == "UInt16");
    // Strips keep the double scratch buffer small for large full-resolution windows, and let a
    // long read stop on Ctrl-C between them.
    const int rowsPerStrip = resampled ? outH : std::max(1, (direct ? 1 << 24 : 1 << 20) / outW);
    std::vector<double> raw;
    std::vector<unsigned char> mask;
    for (int r0 = 0; r0 < outH; r0 += rowsPerStrip) {
        const int rows = std::min(rowsPerStrip, outH - r0);
        const std::size_t count = static_cast<std::size_t>(rows) * outW;
        T* dst = out.data() + static_cast<std::size_t>(r0) * outW;
        if (!direct)
            raw.resize(count);
        if (interruptRequested())
            throw CanceledError();
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = rioAlgorithm(resampling);
        extra.pfnProgress = [](double, const char*, void*) -> int { return !interruptRequested(); };
        const int srcY = resampled ? w.y0 : w.y0 + r0;
        const int srcH = resampled ? w.height : rows;
        if (GDALRasterIOEx(band, GF_Read, w.x0, srcY, w.width, srcH,
                           direct ? static_cast<void*>(dst) : static_cast<void*>(raw.data()), outW,
                           rows, direct ? GDT_Float32 : GDT_Float64, 0, 0, &extra) != CE_None) {
            if (interruptRequested())
                throw CanceledError();
            detail::throwGdal("cannot read band " + std::to_string(index), path, capture);
        }
        if (useMask) {
            mask.resize(count);
            extra.eResampleAlg = GRIORA_NearestNeighbour;
            if (GDALRasterIOEx(GDALGetMaskBand(band), GF_Read, w.x0, srcY, w.width, srcH,
                               mask.data(), outW, rows, GDT_Byte, 0, 0, &extra) != CE_None)
                detail::throwGdal("cannot read the mask of band " + std::to_string(index), path,
                                  capture);
        }
        const bool hasNodata = info.nodata && !std::isnan(*info.nodata);
        // A Float32 band holds its nodata value rounded to float, as GDAL compares it.
        const bool float32 = info.dtype == "Float32";
        const double nodata = !hasNodata ? 0.0
                              : float32  ? static_cast<double>(static_cast<float>(*info.nodata))
                                         : *info.nodata;
        const bool scaled = info.scale != 1.0 || info.offset != 0.0;
        if (direct && !hasNodata && !useMask && !scaled && !signedByte)
            continue; // already final (NaN stays NaN)
        for (std::size_t i = 0; i < count; ++i) {
            double v = direct ? static_cast<double>(dst[i]) : raw[i];
            if (signedByte && v > 127.0)
                v -= 256.0;
            if ((hasNodata && v == nodata) || (useMask && mask[i] == 0)) {
                dst[i] = std::numeric_limits<T>::quiet_NaN();
                continue;
            }
            if (scaled)
                v = v * info.scale + info.offset;
            dst[i] = static_cast<T>(v);
        }
    }
    return out;
}

} // namespace

std::vector<float> Raster::readBand(int band) const {
    return readWindow(band, Window{0, 0, width(), height()});
}

std::vector<float> Raster::readWindow(int band, int x0, int y0, int w, int h) const {
    return readWindow(band, Window{x0, y0, w, h});
}

std::vector<float> Raster::readWindow(int band, const Window& window) const {
    checkBand(band);
    return readPhysical<float>(*this, band, window, window.width, window.height,
                               Resampling::Nearest);
}

std::vector<double> Raster::readWindowDouble(int band, const Window& window) const {
    checkBand(band);
    return readPhysical<double>(*this, band, window, window.width, window.height,
                                Resampling::Nearest);
}

std::vector<float> Raster::readWindowResampled(int band, const Window& window, int outWidth,
                                               int outHeight, Resampling resampling) const {
    checkBand(band);
    return readPhysical<float>(*this, band, window, outWidth, outHeight, resampling);
}

BandStatistics Raster::statistics(int band) const {
    const auto lock = libraryLock();
    checkBand(band);
    BandStatistics s;
    s.totalCount = m_grid.pixelCount();
    double mean = 0.0, m2 = 0.0;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const int rowsPerStrip = std::max(1, (1 << 20) / std::max(1, width()));
    for (int y = 0; y < height(); y += rowsPerStrip) {
        const int rows = std::min(rowsPerStrip, height() - y);
        for (const double v : readWindowDouble(band, Window{0, y, width(), rows})) {
            if (!std::isfinite(v))
                continue;
            ++s.validCount;
            const double delta = v - mean;
            mean += delta / static_cast<double>(s.validCount);
            m2 += delta * (v - mean);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (s.validCount == 0) {
        s.min = s.max = s.mean = s.stddev = std::numeric_limits<double>::quiet_NaN();
    } else {
        s.min = lo;
        s.max = hi;
        s.mean = mean;
        s.stddev = std::sqrt(m2 / static_cast<double>(s.validCount));
    }
    return s;
}

std::map<std::string, std::string> Raster::metadata(const std::string& domain) const {
    const auto lock = libraryLock();
    GdalErrorCapture capture;
    return toMap(GDALGetMetadata(ds(m_dataset), domain.empty() ? nullptr : domain.c_str()));
}

std::string Raster::metadataItem(const std::string& key, const std::string& domain) const {
    const char* v =
        GDALGetMetadataItem(ds(m_dataset), key.c_str(), domain.empty() ? nullptr : domain.c_str());
    return v ? v : "";
}

std::vector<std::string> Raster::subdatasets() const {
    const auto lock = libraryLock();
    std::vector<std::string> names;
    const auto md = metadata("SUBDATASETS");
    for (int i = 1;; ++i) {
        const auto it = md.find("SUBDATASET_" + std::to_string(i) + "_NAME");
        if (it == md.end())
            break;
        names.push_back(it->second);
    }
    return names;
}

std::size_t countValid(const std::vector<float>& values) {
    return static_cast<std::size_t>(
        std::count_if(values.begin(), values.end(), [](float v) { return std::isfinite(v); }));
}

void requireValidData(const std::vector<float>& values, const std::string& context) {
    if (countValid(values) == 0)
        throw Error("all nodata: no valid pixel to work with", context);
}

} // namespace soilscope::geo
