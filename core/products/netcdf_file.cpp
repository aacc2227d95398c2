#include "products/netcdf_file.h"

#include "base/error.h"
#include "base/text.h"
#include "geo/hdf5_quiet.h"
#include "geo/netcdf_extent.h"
#include "geo/netcdf_lock.h"

#include <netcdf.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <mutex>

namespace soilscope::products {

namespace {

std::recursive_mutex& netcdfLock() {
    geo::quietHdf5ForThisThread();
    return geo::netcdfLibraryMutex();
}

int typeBits(nc_type type) {
    switch (type) {
    case NC_BYTE:
    case NC_UBYTE:
    case NC_CHAR:
        return 8;
    case NC_SHORT:
    case NC_USHORT:
        return 16;
    case NC_INT:
    case NC_UINT:
        return 32;
    default:
        return 0;
    }
}

} // namespace

NetcdfFile::NetcdfFile(const std::filesystem::path& path, const std::string& group)
    : m_path(path.string()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(std::filesystem::exists(path, ec) ? "not a regular file" : "file not found",
                    m_path);
    geo::checkNetcdfComplete(path);
    std::lock_guard guard(netcdfLock());
    const int status = nc_open(m_path.c_str(), NC_NOWRITE, &m_root);
    if (status != NC_NOERR)
        throw Error(std::string("cannot open as netCDF: ") + nc_strerror(status), m_path);
    m_ncid = m_root;
    if (!group.empty() &&
        (!hasGroup(group) || nc_inq_grp_ncid(m_root, group.c_str(), &m_ncid) != NC_NOERR)) {
        nc_close(m_root);
        m_root = -1;
        throw Error("no group '" + group + "' in the file", m_path);
    }
}

bool NetcdfFile::hasGroup(const std::string& name) const {
    // Listed, not looked up: for classic files the lookup answers with the file itself.
    std::lock_guard guard(netcdfLock());
    int n = 0;
    if (nc_inq_grps(m_root, &n, nullptr) != NC_NOERR || n <= 0)
        return false;
    std::vector<int> ids(static_cast<std::size_t>(n));
    nc_inq_grps(m_root, &n, ids.data());
    for (const int id : ids) {
        char groupName[NC_MAX_NAME + 1] = {};
        if (nc_inq_grpname(id, groupName) == NC_NOERR && name == groupName)
            return true;
    }
    return false;
}

NetcdfFile::~NetcdfFile() {
    if (m_root >= 0) {
        std::lock_guard guard(netcdfLock());
        nc_close(m_root);
    }
}

bool NetcdfFile::opens(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return false; // a FIFO would block the open forever
    std::lock_guard guard(netcdfLock());
    int ncid = -1;
    if (nc_open(path.string().c_str(), NC_NOWRITE, &ncid) != NC_NOERR)
        return false;
    nc_close(ncid);
    return true;
}

void NetcdfFile::check(int status, const std::string& what) const {
    if (status == NC_NOERR)
        return;
    std::string hint;
    if (status == NC_EHDFERR)
        hint = " (the file may be truncated or damaged)";
    throw Error(what + ": " + nc_strerror(status) + hint, m_path);
}

int NetcdfFile::id(const std::string& variable) const {
    std::lock_guard guard(netcdfLock());
    int varid = -1;
    if (nc_inq_varid(m_ncid, variable.c_str(), &varid) == NC_NOERR)
        return varid;
    std::string names;
    for (const auto& v : variables())
        names += (names.empty() ? "" : ", ") + v;
    throw Error("no variable '" + variable + "' in the file (variables: " + names + ")", m_path);
}

std::vector<std::string> NetcdfFile::variables() const {
    std::lock_guard guard(netcdfLock());
    int n = 0;
    check(nc_inq_nvars(m_ncid, &n), "cannot list the variables");
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        char name[NC_MAX_NAME + 1] = {};
        check(nc_inq_varname(m_ncid, i, name), "cannot list the variables");
        out.emplace_back(name);
    }
    return out;
}

bool NetcdfFile::hasVariable(const std::string& name) const {
    std::lock_guard guard(netcdfLock());
    int varid = -1;
    return nc_inq_varid(m_ncid, name.c_str(), &varid) == NC_NOERR;
}

std::vector<NetcdfDimension> NetcdfFile::dimensions(const std::string& variable) const {
    const int varid = id(variable);
    std::lock_guard guard(netcdfLock());
    int ndims = 0;
    check(nc_inq_varndims(m_ncid, varid, &ndims), "cannot inspect variable " + variable);
    std::vector<int> dimids(static_cast<std::size_t>(ndims));
    check(nc_inq_vardimid(m_ncid, varid, dimids.data()), "cannot inspect variable " + variable);
    std::vector<NetcdfDimension> out;
    for (const int d : dimids) {
        char name[NC_MAX_NAME + 1] = {};
        std::size_t len = 0;
        check(nc_inq_dim(m_ncid, d, name, &len), "cannot inspect variable " + variable);
        out.push_back({name, len});
    }
    return out;
}

std::optional<std::size_t> NetcdfFile::dimensionLength(const std::string& name) const {
    std::lock_guard guard(netcdfLock());
    int dimid = -1;
    if (nc_inq_dimid(m_ncid, name.c_str(), &dimid) != NC_NOERR)
        return std::nullopt;
    std::size_t len = 0;
    check(nc_inq_dimlen(m_ncid, dimid, &len), "cannot inspect dimension " + name);
    return len;
}

std::string NetcdfFile::text(const std::string& variable, const std::string& attribute) const {
    const int varid = variable.empty() ? NC_GLOBAL : id(variable);
    std::lock_guard guard(netcdfLock());
    nc_type type = NC_NAT;
    std::size_t len = 0;
    if (nc_inq_att(m_ncid, varid, attribute.c_str(), &type, &len) != NC_NOERR)
        return {};
    if (type == NC_CHAR) {
        std::string out(len, '\0');
        check(nc_get_att_text(m_ncid, varid, attribute.c_str(), out.data()),
              "cannot read attribute " + attribute);
        while (!out.empty() && out.back() == '\0')
            out.pop_back();
        return out;
    }
    if (type == NC_STRING && len == 1) {
        char* value = nullptr;
        check(nc_get_att_string(m_ncid, varid, attribute.c_str(), &value),
              "cannot read attribute " + attribute);
        std::string out = value ? value : "";
        nc_free_string(1, &value);
        return out;
    }
    return {};
}

std::vector<double> NetcdfFile::numbers(const std::string& variable,
                                        const std::string& attribute) const {
    const int varid = variable.empty() ? NC_GLOBAL : id(variable);
    std::lock_guard guard(netcdfLock());
    nc_type type = NC_NAT;
    std::size_t len = 0;
    if (nc_inq_att(m_ncid, varid, attribute.c_str(), &type, &len) != NC_NOERR || type == NC_CHAR ||
        type == NC_STRING)
        return {};
    std::vector<double> out(len);
    check(nc_get_att_double(m_ncid, varid, attribute.c_str(), out.data()),
          "cannot read attribute " + attribute);
    return out;
}

std::string NetcdfFile::variableWith(const std::string& attribute, const std::string& value) const {
    for (const auto& v : variables())
        if (lowerAscii(text(v, attribute)) == lowerAscii(value))
            return v;
    return {};
}

std::vector<double> NetcdfFile::read(const std::string& variable, std::size_t start,
                                     std::size_t count) const {
    const auto dims = dimensions(variable);
    std::vector<std::size_t> starts(dims.size(), 0), counts;
    for (const auto& d : dims)
        counts.push_back(d.length);
    if (!dims.empty()) {
        starts[0] = start;
        counts[0] = count == 0 && start <= dims[0].length ? dims[0].length - start : count;
    }
    return readSlab(variable, starts, counts);
}

std::vector<double> NetcdfFile::readSlab(const std::string& variable,
                                         const std::vector<std::size_t>& starts,
                                         const std::vector<std::size_t>& counts) const {
    const auto dims = dimensions(variable);
    if (starts.size() != dims.size() || counts.size() != dims.size())
        throw Error(variable + " has " + std::to_string(dims.size()) + " dimensions", m_path);
    std::size_t n = 1;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        if (starts[d] + counts[d] > dims[d].length)
            throw Error("reading " + variable + " past the end of its dimension " + dims[d].name +
                            " (" + std::to_string(starts[d] + counts[d]) + " > " +
                            std::to_string(dims[d].length) + ")",
                        m_path);
        n *= counts[d];
    }
    const int varid = id(variable);
    std::lock_guard guard(netcdfLock());
    nc_type type = NC_NAT;
    check(nc_inq_vartype(m_ncid, varid, &type), "cannot read " + variable);
    std::vector<double> raw(n);
    if (type == NC_CHAR) {
        std::string chars(n, '\0');
        check(nc_get_vara_text(m_ncid, varid, starts.data(), counts.data(), chars.data()),
              "cannot read " + variable);
        for (std::size_t i = 0; i < n; ++i)
            raw[i] = static_cast<unsigned char>(chars[i]);
    } else if (n > 0) {
        check(nc_get_vara_double(m_ncid, varid, starts.data(), counts.data(), raw.data()),
              "cannot read " + variable);
    }
    return unpack(variable, std::move(raw));
}

double NetcdfFile::readAt(const std::string& variable,
                          const std::vector<std::size_t>& index) const {
    const auto dims = dimensions(variable);
    if (index.size() != dims.size())
        throw Error(variable + " has " + std::to_string(dims.size()) + " dimensions, not " +
                        std::to_string(index.size()),
                    m_path);
    const int varid = id(variable);
    std::lock_guard guard(netcdfLock());
    double raw = 0.0;
    check(nc_get_var1_double(m_ncid, varid, index.data(), &raw), "cannot read " + variable);
    return unpack(variable, {raw}).front();
}

std::vector<double> NetcdfFile::unpack(const std::string& variable, std::vector<double> raw) const {
    const int varid = id(variable);
    nc_type type = NC_NAT;
    {
        std::lock_guard guard(netcdfLock());
        check(nc_inq_vartype(m_ncid, varid, &type), "cannot read " + variable);
    }
    const int bits = typeBits(type);
    const bool unsignedRaw = bits > 0 && lowerAscii(text(variable, "_Unsigned")) == "true" &&
                             type != NC_UBYTE && type != NC_USHORT && type != NC_UINT;
    const auto toUnsigned = [&](double v) {
        return unsignedRaw && v < 0 ? v + std::ldexp(1.0, bits) : v;
    };
    std::vector<double> invalid = numbers(variable, "_FillValue");
    for (const double m : numbers(variable, "missing_value"))
        invalid.push_back(m);
    for (auto& v : invalid)
        v = toUnsigned(v);
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    if (const auto range = numbers(variable, "valid_range"); range.size() == 2) {
        lo = toUnsigned(range[0]);
        hi = toUnsigned(range[1]);
    }
    if (const auto m = numbers(variable, "valid_min"); !m.empty())
        lo = toUnsigned(m[0]);
    if (const auto m = numbers(variable, "valid_max"); !m.empty())
        hi = toUnsigned(m[0]);
    const auto scaleAttr = numbers(variable, "scale_factor");
    const auto offsetAttr = numbers(variable, "add_offset");
    const double scale = scaleAttr.empty() ? 1.0 : scaleAttr[0];
    const double offset = offsetAttr.empty() ? 0.0 : offsetAttr[0];
    if (!unsignedRaw && invalid.empty() && std::isinf(lo) && std::isinf(hi) && scale == 1.0 &&
        offset == 0.0)
        return raw;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double invalid0 = invalid.empty() ? nan : invalid[0];
    const double invalid1 = invalid.size() < 2 ? nan : invalid[1];
    const bool packed = scale != 1.0 || offset != 0.0;
    // CF: the unpacked type is the type of scale_factor; float factors unpack in float (as
    // netCDF-Java and xarray do: float32 3733 * 0.01f, not 3733 * 0.00999999977648).
    bool floatPacking = false;
    if (packed) {
        std::lock_guard guard(netcdfLock());
        nc_type attType = NC_NAT;
        floatPacking = nc_inq_atttype(m_ncid, varid, "scale_factor", &attType) == NC_NOERR &&
                       attType == NC_FLOAT;
    }
    const float scaleF = static_cast<float>(scale), offsetF = static_cast<float>(offset);
    for (auto& v : raw) {
        if (unsignedRaw)
            v = toUnsigned(v);
        // NaN compares false: a NaN value fails the range test and becomes NaN.
        if (!(v >= lo && v <= hi) || v == invalid0 || v == invalid1 ||
            (invalid.size() > 2 &&
             std::find(invalid.begin() + 2, invalid.end(), v) != invalid.end()))
            v = nan;
        else if (floatPacking)
            v = static_cast<double>(static_cast<float>(v) * scaleF + offsetF);
        else if (packed)
            v = v * scale + offset;
    }
    return raw;
}

std::vector<long long> NetcdfFile::readIntegers(const std::string& variable) const {
    const auto dims = dimensions(variable);
    const int varid = id(variable);
    std::lock_guard guard(netcdfLock());
    std::size_t n = 1;
    for (const auto& d : dims)
        n *= d.length;
    std::vector<long long> out(n);
    if (n > 0)
        check(nc_get_var_longlong(m_ncid, varid, out.data()), "cannot read " + variable);
    return out;
}

} // namespace soilscope::products
