#include "geo/netcdf_grid_variables.h"

#include "base/error.h"
#include "base/input_limits.h"
#include "geo/cf_time.h"
#include "geo/gdal_support.h"
#include "geo/netcdf_extent.h"
#include "geo/netcdf_lock.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>

namespace soilscope::geo {

namespace {

using detail::GdalErrorCapture;

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(GDALDataset::ToHandle(d)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr openMultidim(const std::string& file) {
    static const char* const netcdfOnly[] = {"netCDF", nullptr};
    return DatasetPtr(GDALDataset::Open(file.c_str(), GDAL_OF_MULTIDIM_RASTER | GDAL_OF_READONLY,
                                        netcdfOnly, nullptr, nullptr));
}

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string textAttribute(const GDALMDArray& array, const std::string& name) {
    const auto a = array.GetAttribute(name);
    if (!a || a->GetDataType().GetClass() != GEDTC_STRING)
        return {};
    const char* text = a->ReadAsString();
    return text ? text : "";
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

std::optional<std::vector<double>> readCoordinate(const GDALMDArray& array) {
    const auto dims = array.GetDimensions();
    if (dims.size() != 1 || array.GetDataType().GetClass() != GEDTC_NUMERIC)
        return std::nullopt;
    std::vector<double> values(static_cast<std::size_t>(dims[0]->GetSize()));
    const GUInt64 start = 0;
    const size_t count = values.size();
    if (values.empty() || !array.Read(&start, &count, nullptr, nullptr,
                                      GDALExtendedDataType::Create(GDT_Float64), values.data()))
        return std::nullopt;
    return values;
}

/// The spacing of a coordinate whose values are evenly spaced (to 1 % of a step), or nullopt.
std::optional<double> evenSpacing(const std::vector<double>& c) {
    const std::size_t n = c.size();
    if (n < 2 || !std::all_of(c.begin(), c.end(), [](double v) { return std::isfinite(v); }))
        return std::nullopt;
    const double step = (c[n - 1] - c[0]) / static_cast<double>(n - 1);
    if (step == 0.0)
        return std::nullopt;
    for (std::size_t i = 1; i < n; ++i)
        if (std::abs(c[i] - c[i - 1] - step) > 0.01 * std::abs(step))
            return std::nullopt;
    return step;
}

struct GridAxes {
    Grid grid;
    bool bottomUp = false; ///< y increases with the stored row: rows are read in reverse
};

/// The grid of [.., y, x] as GDAL's raster view computes it: cell edges half a step outside
/// the first and last coordinates, north up.
std::optional<GridAxes> gridOf(const GDALMDArray& array) {
    const auto dims = array.GetDimensions();
    const auto& yDim = dims[dims.size() - 2];
    const auto& xDim = dims[dims.size() - 1];
    const auto yVar = yDim->GetIndexingVariable();
    const auto xVar = xDim->GetIndexingVariable();
    if (!yVar || !xVar)
        return std::nullopt;
    const auto y = readCoordinate(*yVar);
    const auto x = readCoordinate(*xVar);
    if (!x || !y)
        return std::nullopt;
    const auto dx = evenSpacing(*x);
    const auto dy = evenSpacing(*y);
    if (!dx || !dy || *dx < 0.0)
        return std::nullopt;
    std::string crs;
    if (const auto srs = array.GetSpatialRef()) {
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2018", nullptr};
        srs->exportToWkt(&wkt, options);
        crs = wkt ? wkt : "";
        CPLFree(wkt);
    } else {
        const auto units = [](const GDALMDArray& a) { return lowered(a.GetUnit()); };
        const std::string ux = units(*xVar), uy = units(*yVar);
        if ((ux == "degrees_east" || ux == "degree_east") &&
            (uy == "degrees_north" || uy == "degree_north"))
            crs = "EPSG:4326"; // CF lon/lat coordinates without a grid_mapping
    }
    GridAxes axes;
    axes.bottomUp = *dy > 0.0;
    const double top = axes.bottomUp ? y->back() : y->front();
    const double step = std::abs(*dy);
    axes.grid = Grid(crs, {x->front() - *dx / 2, *dx, 0.0, top + step / 2, 0.0, -step},
                     static_cast<int>(x->size()), static_cast<int>(y->size()));
    return axes;
}

struct TimeAxis {
    std::vector<TimePoint> times;
    std::string calendar;
};

/// The CF time axis of a dimension, or nullopt when its coordinate has no "UNIT since DATE".
std::optional<TimeAxis> timeAxisOf(const std::string& file, const GDALDimension& dim) {
    const auto var = dim.GetIndexingVariable();
    if (!var)
        return std::nullopt;
    const std::string units = var->GetUnit();
    if (lowered(units).find(" since ") == std::string::npos)
        return std::nullopt;
    const auto values = readCoordinate(*var);
    if (!values)
        return std::nullopt;
    const CfTimeUnits cf =
        parseCfTimeUnitsOf(file, var->GetName(), units, textAttribute(*var, "calendar"));
    TimeAxis axis;
    axis.calendar = cfCalendarName(cf.calendar);
    axis.times.reserve(values->size());
    for (const double v : *values)
        axis.times.push_back(cfToTimeOf(file, var->GetName(), v, cf));
    return axis;
}

/// Variables that only describe others: named by a "coordinates" or "bounds" attribute.
std::set<std::string> auxiliaryNames(const std::vector<std::shared_ptr<GDALMDArray>>& arrays) {
    std::set<std::string> aux;
    for (const auto& a : arrays)
        for (const char* key : {"coordinates", "bounds"})
            for (const auto& w : words(textAttribute(*a, key)))
                aux.insert(w);
    return aux;
}

std::optional<NetcdfGridVariable> describeArray(const std::string& file, const GDALMDArray& array,
                                                std::map<std::string, TimeAxis>& timeAxes) {
    const auto dims = array.GetDimensions();
    if ((dims.size() != 2 && dims.size() != 3) || array.GetDataType().GetClass() != GEDTC_NUMERIC ||
        lowered(textAttribute(array, "_Unsigned")) == "true")
        return std::nullopt;
    const auto axes = gridOf(array);
    if (!axes)
        return std::nullopt;
    NetcdfGridVariable v;
    v.file = file;
    v.name = array.GetName();
    v.dtype = GDALGetDataTypeName(array.GetDataType().GetNumericDataType());
    v.units = array.GetUnit();
    bool has = false;
    const double nodata = array.GetNoDataValueAsDouble(&has);
    if (has)
        v.nodata = nodata;
    else if (const auto missing = array.GetAttribute("missing_value");
             missing && missing->GetDataType().GetClass() == GEDTC_NUMERIC)
        v.nodata = missing->ReadAsDouble();
    v.grid = axes->grid;
    v.bottomUp = axes->bottomUp;
    for (const auto& a : array.GetAttributes())
        if (a->GetDataType().GetClass() == GEDTC_STRING)
            if (const char* text = a->ReadAsString())
                v.attributes[a->GetName()] = text;
    if (dims.size() == 3) {
        const std::string dimName = dims[0]->GetName();
        auto it = timeAxes.find(dimName);
        if (it == timeAxes.end()) {
            auto axis = timeAxisOf(file, *dims[0]);
            if (!axis)
                return std::nullopt;
            it = timeAxes.emplace(dimName, std::move(*axis)).first;
        }
        v.times = it->second.times;
        v.calendar = it->second.calendar;
    }
    return v;
}

} // namespace

std::optional<std::vector<NetcdfGridVariable>>
describeNetcdfGridVariables(const std::string& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return std::nullopt;
    detail::ensureGdal();
    const std::lock_guard lock(netcdfLibraryMutex());
    checkNetcdfComplete(file);
    GdalErrorCapture capture;
    const DatasetPtr dataset = openMultidim(file);
    if (!dataset)
        return std::nullopt;
    const auto root = dataset->GetRootGroup();
    if (!root || !root->GetGroupNames().empty())
        return std::nullopt;
    std::vector<std::shared_ptr<GDALMDArray>> arrays;
    for (const auto& name : root->GetMDArrayNames())
        if (auto a = root->OpenMDArray(name))
            arrays.push_back(std::move(a));
    const auto aux = auxiliaryNames(arrays);
    std::map<std::string, TimeAxis> timeAxes;
    std::vector<NetcdfGridVariable> out;
    for (const auto& a : arrays) {
        if (a->GetDimensionCount() < 2 || aux.count(a->GetName()))
            continue;
        // Coordinates beyond the dimensions' own (2-D longitudes, latitudes) place the pixels
        // through geolocation arrays, which GDAL's raster view handles.
        for (const auto& name : words(textAttribute(*a, "coordinates")))
            if (const auto c = root->OpenMDArray(name); c && c->GetDimensionCount() > 1)
                return std::nullopt;
        auto v = describeArray(file, *a, timeAxes);
        if (!v)
            return std::nullopt;
        out.push_back(std::move(*v));
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<std::pair<std::string, std::string>> parseNetcdfSubdataset(const std::string& name) {
    const std::string prefix = "NETCDF:\"";
    const auto close = name.rfind("\":");
    if (name.rfind(prefix, 0) != 0 || close == std::string::npos || close < prefix.size())
        return std::nullopt;
    return std::pair{name.substr(prefix.size(), close - prefix.size()), name.substr(close + 2)};
}

std::optional<NetcdfGridVariable> netcdfGridVariable(const std::string& name) {
    std::string file = name, variable;
    if (const auto sub = parseNetcdfSubdataset(name))
        std::tie(file, variable) = *sub;
    const auto all = describeNetcdfGridVariables(file);
    if (!all)
        return std::nullopt;
    for (const auto& v : *all)
        if (variable.empty() ? all->size() == 1 : v.name == variable)
            return v;
    return std::nullopt;
}

struct NetcdfGridReader::Impl {
    NetcdfGridVariable variable;
    DatasetPtr dataset;
    std::shared_ptr<GDALMDArray> array;
    std::size_t steps = 1;
    std::optional<double> nodata;
    double validMin = -std::numeric_limits<double>::infinity();
    double validMax = std::numeric_limits<double>::infinity();
    double scale = 1.0;
    double offset = 0.0;

    /// Steps [step, step + count0) of a window, north up, as physical floats.
    std::vector<float> read(std::size_t step, const Window& w, std::size_t count0 = 1) const;

    /// Maps read in turn cost one read per block of steps: the block around the last step read.
    mutable Window blockWindow{0, 0, 0, 0};
    mutable std::size_t blockStart = 0;
    mutable std::size_t blockSteps = 0;
    mutable std::vector<float> block;
};

namespace {
/// Steps per block: one read serves a run of maps without holding more than 16 MiB.
constexpr std::size_t kBlockBytes = std::size_t(16) << 20;
constexpr std::size_t kMaxBlockSteps = 64;
} // namespace

NetcdfGridReader::NetcdfGridReader(const NetcdfGridVariable& variable)
    : m(std::make_unique<Impl>()) {
    m->variable = variable;
    const std::string& file = variable.file;
    const std::lock_guard lock(netcdfLibraryMutex());
    GdalErrorCapture capture;
    m->dataset = openMultidim(file);
    const auto root = m->dataset ? m->dataset->GetRootGroup() : nullptr;
    m->array = root ? root->OpenMDArray(variable.name) : nullptr;
    if (!m->array)
        detail::throwGdal("cannot open the variable '" + variable.name + "'", file, capture);
    const auto dims = m->array->GetDimensions();
    const std::size_t steps = dims.size() == 3 ? static_cast<std::size_t>(dims[0]->GetSize()) : 1;
    if (dims.size() < 2 || dims[dims.size() - 1]->GetSize() != GUInt64(variable.grid.width()) ||
        dims[dims.size() - 2]->GetSize() != GUInt64(variable.grid.height()) ||
        steps != std::max<std::size_t>(1, variable.times.size()))
        throw Error("the variable '" + variable.name + "' changed since it was listed", file);
    m->steps = steps;
    if (const auto nodata = variable.nodata; nodata && !std::isnan(*nodata))
        // A Float32 variable holds its no-data value rounded to float.
        m->nodata = variable.dtype == "Float32" ? double(static_cast<float>(*nodata)) : *nodata;
    if (const auto range = m->array->GetAttribute("valid_range")) {
        const auto v = range->ReadAsDoubleArray();
        if (v.size() == 2) {
            m->validMin = v[0];
            m->validMax = v[1];
        }
    }
    if (const auto a = m->array->GetAttribute("valid_min"))
        m->validMin = a->ReadAsDouble();
    if (const auto a = m->array->GetAttribute("valid_max"))
        m->validMax = a->ReadAsDouble();
    bool has = false;
    m->scale = m->array->GetScale(&has);
    if (!has || m->scale == 0.0)
        m->scale = 1.0;
    m->offset = m->array->GetOffset(&has);
    if (!has)
        m->offset = 0.0;
}

NetcdfGridReader::~NetcdfGridReader() {
    if (!m)
        return;
    const std::lock_guard lock(netcdfLibraryMutex());
    m->array.reset();
    m->dataset.reset();
}

std::vector<float> NetcdfGridReader::Impl::read(std::size_t step, const Window& w,
                                                std::size_t count0) const {
    const std::string& file = variable.file;
    const Grid& g = variable.grid;
    if (w.width <= 0 || w.height <= 0 || w.x0 < 0 || w.y0 < 0 || w.x0 + w.width > g.width() ||
        w.y0 + w.height > g.height())
        throw Error("window " + std::to_string(w.x0) + "," + std::to_string(w.y0) + " " +
                        std::to_string(w.width) + " x " + std::to_string(w.height) +
                        " lies outside the " + g.describe() + " grid of " + variable.name,
                    file);
    if (step + count0 > steps)
        throw Error("time step " + std::to_string(step + count0 - 1) + " of " + variable.name +
                        " does not exist (it has " + std::to_string(steps) + ")",
                    file);
    const std::size_t rows = static_cast<std::size_t>(w.height);
    const std::size_t cols = static_cast<std::size_t>(w.width);
    const std::size_t values = count0 * rows * cols;
    checkMemoryFor(values * (sizeof(double) + sizeof(float)),
                   variable.name + " (" + std::to_string(values) + " values)", file);
    // Stored rows of a bottom-up variable run south to north: read them and turn them over.
    const std::size_t row0 = variable.bottomUp
                                 ? static_cast<std::size_t>(g.height() - w.y0 - w.height)
                                 : std::size_t(w.y0);
    const bool threeD = array->GetDimensionCount() == 3;
    const GUInt64 start3[] = {step, row0, static_cast<GUInt64>(w.x0)};
    const size_t count3[] = {count0, rows, cols};
    std::vector<double> raw(values);
    {
        const std::lock_guard lock(netcdfLibraryMutex());
        GdalErrorCapture capture;
        if (!array->Read(threeD ? start3 : start3 + 1, threeD ? count3 : count3 + 1, nullptr,
                         nullptr, GDALExtendedDataType::Create(GDT_Float64), raw.data()))
            detail::throwGdal("cannot read " + variable.name, file, capture);
    }
    std::vector<float> out(values);
    for (std::size_t t = 0; t < count0; ++t)
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t from = (t * rows + (variable.bottomUp ? rows - 1 - r : r)) * cols;
            float* dst = out.data() + (t * rows + r) * cols;
            for (std::size_t c = 0; c < cols; ++c) {
                const double v = raw[from + c];
                dst[c] = (nodata && v == *nodata) || v < validMin || v > validMax
                             ? std::numeric_limits<float>::quiet_NaN()
                             : static_cast<float>(v * scale + offset);
            }
        }
    return out;
}

std::vector<float> NetcdfGridReader::readWindow(std::size_t step, const Window& window) const {
    const auto same = [](const Window& a, const Window& b) {
        return a.x0 == b.x0 && a.y0 == b.y0 && a.width == b.width && a.height == b.height;
    };
    const std::size_t pixels = static_cast<std::size_t>(std::max(window.width, 0)) *
                               static_cast<std::size_t>(std::max(window.height, 0));
    if (!same(window, m->blockWindow) || step < m->blockStart ||
        step >= m->blockStart + m->blockSteps) {
        const std::size_t per =
            std::clamp(kBlockBytes / std::max<std::size_t>(1, pixels * sizeof(float)),
                       std::size_t(1), kMaxBlockSteps);
        if (per == 1 || step >= m->steps)
            return m->read(step, window);
        const std::size_t start = step - step % per;
        const std::size_t count = std::min(per, m->steps - start);
        m->block = m->read(start, window, count);
        m->blockWindow = window;
        m->blockStart = start;
        m->blockSteps = count;
    }
    const auto from =
        m->block.begin() + static_cast<std::ptrdiff_t>((step - m->blockStart) * pixels);
    return std::vector<float>(from, from + static_cast<std::ptrdiff_t>(pixels));
}

std::vector<float> NetcdfGridReader::readPixelSeries(int col, int row) const {
    return m->read(0, Window{col, row, 1, 1}, m->steps);
}

} // namespace soilscope::geo
