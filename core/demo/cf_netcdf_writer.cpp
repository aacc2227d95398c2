#include "demo/cf_netcdf_writer.h"

#include "base/error.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <system_error>

namespace soilscope::demo {

namespace {

constexpr double kFloatFill = -9999.0;
constexpr std::int16_t kInt16Fill = -32768;
constexpr std::uint8_t kByteFill = 255;

GDALDataType gdalType(NcStorage s) {
    switch (s) {
    case NcStorage::Float32:
        return GDT_Float32;
    case NcStorage::Float64:
        return GDT_Float64;
    case NcStorage::Int16:
        return GDT_Int16;
    case NcStorage::Byte:
        return GDT_Byte;
    }
    return GDT_Float32;
}

std::size_t typeSize(NcStorage s) {
    switch (s) {
    case NcStorage::Float32:
        return 4;
    case NcStorage::Float64:
        return 8;
    case NcStorage::Int16:
        return 2;
    case NcStorage::Byte:
        return 1;
    }
    return 4;
}

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    const std::string gdalMessage = CPLGetLastErrorMsg();
    throw Error(what + (gdalMessage.empty() ? std::string() : ": " + gdalMessage), path.string());
}

void textAttribute(const std::shared_ptr<GDALMDArray>& array, const std::string& name,
                   const std::string& value, const std::filesystem::path& path) {
    if (value.empty())
        return;
    auto attr = array->CreateAttribute(name, {}, GDALExtendedDataType::CreateString());
    if (!attr || !attr->Write(value.c_str()))
        fail("cannot write attribute " + name, path);
}

void numberAttribute(const std::shared_ptr<GDALMDArray>& array, const std::string& name,
                     const std::vector<double>& values, GDALDataType type,
                     const std::filesystem::path& path) {
    auto attr = array->CreateAttribute(name, {values.size()}, GDALExtendedDataType::Create(type));
    if (!attr || !attr->Write(values.data(), values.size()))
        fail("cannot write attribute " + name, path);
}

} // namespace

struct CfNetcdfWriter::Impl {
    GDALDataset* dataset = nullptr;
    std::shared_ptr<GDALGroup> root;
    std::map<std::string, std::shared_ptr<GDALMDArray>> arrays;
    std::map<std::string, NcVariable> specs;
    std::size_t nx = 0;
    std::size_t ny = 0;
};

CfNetcdfWriter::CfNetcdfWriter(const std::filesystem::path& path, const geo::Grid& grid,
                               const std::vector<TimePoint>& times,
                               const std::vector<NcVariable>& variables,
                               const std::map<std::string, std::string>& globalAttributes)
    : m_impl(std::make_unique<Impl>()), m_path(path), m_timeCount(times.size()) {
    GDALAllRegister();
    if (!grid.isValid() || !grid.isNorthUp())
        throw Error("the grid must be north-up", path.string());
    m_tmp = path;
    m_tmp += ".partial";
    std::error_code ec;
    std::filesystem::remove(m_tmp, ec);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("netCDF");
    if (!driver)
        throw Error("GDAL has no netCDF driver", path.string());
    CPLErrorReset();
    CPLStringList rootOptions;
    rootOptions.SetNameValue("FORMAT", "NC4");
    m_impl->dataset =
        driver->CreateMultiDimensional(m_tmp.string().c_str(), rootOptions.List(), nullptr);
    if (!m_impl->dataset)
        fail("cannot create NetCDF file", path);
    auto& root = m_impl->root;
    root = m_impl->dataset->GetRootGroup();
    m_impl->nx = static_cast<std::size_t>(grid.width());
    m_impl->ny = static_cast<std::size_t>(grid.height());

    for (const auto& [key, value] : globalAttributes) {
        auto attr = root->CreateAttribute(key, {}, GDALExtendedDataType::CreateString());
        if (!attr || !attr->Write(value.c_str()))
            fail("cannot write global attribute " + key, path);
    }

    const bool geographic = grid.isGeographic();
    const std::string yName = geographic ? "lat" : "y";
    const std::string xName = geographic ? "lon" : "x";
    const auto f64 = GDALExtendedDataType::Create(GDT_Float64);
    auto dimY = root->CreateDimension(yName, GDAL_DIM_TYPE_HORIZONTAL_Y, "", m_impl->ny);
    auto dimX = root->CreateDimension(xName, GDAL_DIM_TYPE_HORIZONTAL_X, "", m_impl->nx);
    if (!dimX || !dimY)
        fail("cannot create dimensions", path);
    auto varY = root->CreateMDArray(yName, {dimY}, f64);
    auto varX = root->CreateMDArray(xName, {dimX}, f64);
    if (!varX || !varY)
        fail("cannot create coordinate variables", path);
    textAttribute(varY, "standard_name", geographic ? "latitude" : "projection_y_coordinate", path);
    textAttribute(varX, "standard_name", geographic ? "longitude" : "projection_x_coordinate",
                  path);
    textAttribute(varY, "long_name", geographic ? "latitude" : "y coordinate of projection", path);
    textAttribute(varX, "long_name", geographic ? "longitude" : "x coordinate of projection", path);
    textAttribute(varY, "units", geographic ? "degrees_north" : "m", path);
    textAttribute(varX, "units", geographic ? "degrees_east" : "m", path);
    textAttribute(varY, "axis", "Y", path);
    textAttribute(varX, "axis", "X", path);
    std::vector<double> ys(m_impl->ny), xs(m_impl->nx);
    for (std::size_t j = 0; j < m_impl->ny; ++j)
        ys[j] = grid.pixelCenter(0, static_cast<int>(j)).y;
    for (std::size_t i = 0; i < m_impl->nx; ++i)
        xs[i] = grid.pixelCenter(static_cast<int>(i), 0).x;
    {
        const GUInt64 start = 0;
        std::size_t count = m_impl->ny;
        if (!varY->Write(&start, &count, nullptr, nullptr, f64, ys.data()))
            fail("cannot write " + yName, path);
        count = m_impl->nx;
        if (!varX->Write(&start, &count, nullptr, nullptr, f64, xs.data()))
            fail("cannot write " + xName, path);
    }

    std::shared_ptr<GDALDimension> dimT;
    if (!times.empty()) {
        dimT = root->CreateDimension("time", GDAL_DIM_TYPE_TEMPORAL, "", times.size());
        auto varT = root->CreateMDArray("time", {dimT}, f64);
        if (!dimT || !varT)
            fail("cannot create the time axis", path);
        textAttribute(varT, "standard_name", "time", path);
        textAttribute(varT, "long_name", "time", path);
        textAttribute(varT, "units", "hours since 1970-01-01 00:00:00", path);
        textAttribute(varT, "calendar", "standard", path);
        textAttribute(varT, "axis", "T", path);
        std::vector<double> hours(times.size());
        for (std::size_t k = 0; k < times.size(); ++k)
            hours[k] = static_cast<double>(times[k].time_since_epoch().count()) / 3600.0;
        const GUInt64 start = 0;
        const std::size_t count = times.size();
        if (!varT->Write(&start, &count, nullptr, nullptr, f64, hours.data()))
            fail("cannot write time", path);
    }

    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.importFromWkt(grid.crsWkt().c_str()) != OGRERR_NONE)
        throw Error("the grid has no usable coordinate reference system", path.string());

    const std::size_t plane = m_impl->nx * m_impl->ny;
    for (const auto& v : variables) {
        std::vector<std::shared_ptr<GDALDimension>> dims;
        CPLStringList options;
        std::string block;
        if (v.timeDependent && dimT) {
            const std::size_t bytes = plane * typeSize(v.storage);
            m_timeChunk = std::clamp<std::size_t>((1u << 19) / std::max<std::size_t>(bytes, 1), 1,
                                                  times.size());
            dims = {dimT, dimY, dimX};
            block = std::to_string(m_timeChunk) + "," + std::to_string(m_impl->ny) + "," +
                    std::to_string(m_impl->nx);
        } else {
            dims = {dimY, dimX};
            block = std::to_string(m_impl->ny) + "," + std::to_string(m_impl->nx);
        }
        options.SetNameValue("BLOCKSIZE", block.c_str());
        options.SetNameValue("COMPRESS", "DEFLATE");
        options.SetNameValue("ZLEVEL", "1");
        auto array = root->CreateMDArray(
            v.name, dims, GDALExtendedDataType::Create(gdalType(v.storage)), options.List());
        if (!array)
            fail("cannot create variable " + v.name, path);
        switch (v.storage) {
        case NcStorage::Float32:
        case NcStorage::Float64:
            array->SetNoDataValue(kFloatFill);
            break;
        case NcStorage::Int16:
            array->SetNoDataValue(static_cast<double>(kInt16Fill));
            break;
        case NcStorage::Byte:
            array->SetNoDataValue(static_cast<double>(kByteFill));
            break;
        }
        if (v.storage == NcStorage::Int16 || v.storage == NcStorage::Byte) {
            if (v.scale != 1.0)
                array->SetScale(v.scale, GDT_Float64);
            if (v.offset != 0.0)
                array->SetOffset(v.offset, GDT_Float64);
        }
        textAttribute(array, "long_name", v.longName, path);
        textAttribute(array, "standard_name", v.standardName, path);
        textAttribute(array, "units", v.units, path);
        if (!v.flagValues.empty())
            numberAttribute(array, "flag_values", v.flagValues, gdalType(v.storage), path);
        for (const auto& [key, value] : v.textAttributes)
            textAttribute(array, key, value, path);
        if (!array->SetSpatialRef(&srs))
            fail("cannot set the grid mapping of " + v.name, path);
        m_impl->arrays[v.name] = array;
        m_impl->specs[v.name] = v;
    }
}

CfNetcdfWriter::~CfNetcdfWriter() {
    if (!m_closed) {
        m_impl->arrays.clear();
        m_impl->root.reset();
        if (m_impl->dataset)
            GDALClose(m_impl->dataset);
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
    }
}

void CfNetcdfWriter::write(const std::string& variable, std::size_t t0, std::size_t nt,
                           const float* data) {
    std::vector<double> values(data, data + nt * m_impl->nx * m_impl->ny);
    write(variable, t0, nt, values.data());
}

void CfNetcdfWriter::write(const std::string& variable, std::size_t t0, std::size_t nt,
                           const double* data) {
    const auto it = m_impl->arrays.find(variable);
    if (it == m_impl->arrays.end())
        throw Error("no variable " + variable, m_path.string());
    const NcVariable& spec = m_impl->specs[variable];
    const std::size_t n = nt * m_impl->nx * m_impl->ny;
    std::vector<std::uint8_t> raw(n * typeSize(spec.storage));
    for (std::size_t k = 0; k < n; ++k) {
        const double v = data[k];
        switch (spec.storage) {
        case NcStorage::Float32:
            reinterpret_cast<float*>(raw.data())[k] =
                std::isfinite(v) ? static_cast<float>(v) : static_cast<float>(kFloatFill);
            break;
        case NcStorage::Float64:
            reinterpret_cast<double*>(raw.data())[k] = std::isfinite(v) ? v : kFloatFill;
            break;
        case NcStorage::Int16: {
            std::int16_t r = kInt16Fill;
            if (std::isfinite(v))
                r = static_cast<std::int16_t>(
                    std::clamp(std::lround((v - spec.offset) / spec.scale), -32767L, 32767L));
            reinterpret_cast<std::int16_t*>(raw.data())[k] = r;
            break;
        }
        case NcStorage::Byte: {
            std::uint8_t r = kByteFill;
            if (std::isfinite(v))
                r = static_cast<std::uint8_t>(
                    std::clamp(std::lround((v - spec.offset) / spec.scale), 0L, 254L));
            raw[k] = r;
            break;
        }
        }
    }
    std::vector<GUInt64> start;
    std::vector<std::size_t> count;
    if (spec.timeDependent && m_timeCount > 0) {
        if (t0 + nt > m_timeCount)
            throw Error("time steps beyond the end of " + variable, m_path.string());
        start = {t0, 0, 0};
        count = {nt, m_impl->ny, m_impl->nx};
    } else {
        start = {0, 0};
        count = {m_impl->ny, m_impl->nx};
    }
    CPLErrorReset();
    if (!it->second->Write(start.data(), count.data(), nullptr, nullptr,
                           GDALExtendedDataType::Create(gdalType(spec.storage)), raw.data()))
        fail("cannot write " + variable, m_path);
}

void CfNetcdfWriter::close() {
    if (m_closed)
        return;
    m_impl->arrays.clear();
    m_impl->root.reset();
    CPLErrorReset();
    GDALClose(m_impl->dataset);
    const CPLErr err = CPLGetLastErrorType() == CE_Failure ? CE_Failure : CE_None;
    m_impl->dataset = nullptr;
    m_closed = true;
    if (err != CE_None) {
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
        fail("cannot finish NetCDF file", m_path);
    }
    std::error_code ec;
    std::filesystem::rename(m_tmp, m_path, ec);
    if (ec)
        throw Error("cannot move NetCDF file into place: " + ec.message(), m_path.string());
}

} // namespace soilscope::demo
