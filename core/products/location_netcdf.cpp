#include "products/location_netcdf.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "geo/netcdf_lock.h"

#include <netcdf.h>

#include <cmath>
#include <mutex>

namespace soilscope::products {

namespace {

class Writer {
  public:
    explicit Writer(const std::filesystem::path& path) : m_path(path) {
        check(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &m_id), "create");
    }
    ~Writer() {
        if (m_id >= 0)
            nc_close(m_id);
    }
    void check(int status, const std::string& what) const {
        if (status != NC_NOERR)
            throw Error("netCDF " + what + ": " + nc_strerror(status), m_path.string());
    }
    int id() const { return m_id; }
    void close() {
        const int id = m_id;
        m_id = -1;
        check(nc_close(id), "close");
    }
    void text(int var, const char* name, const std::string& value) {
        check(nc_put_att_text(m_id, var, name, value.size(), value.c_str()),
              std::string("attribute ") + name);
    }

  private:
    std::filesystem::path m_path;
    int m_id = -1;
};

void putStrings(Writer& w, int var, const std::vector<std::string>& values) {
    std::vector<const char*> p;
    for (const auto& v : values)
        p.push_back(v.c_str());
    if (!p.empty())
        w.check(nc_put_var_string(w.id(), var, p.data()), "write text");
}

} // namespace

void writeLocationNetcdf(const std::filesystem::path& path, const LocationTable& t) {
    const std::size_t nLoc = t.lon.size();
    const std::size_t nWin = t.windows.size();
    if (t.lat.size() != nLoc)
        throw Error("lon and lat differ in length", path.string());
    for (const auto& [name, values] : t.text)
        if (values.size() != nLoc)
            throw Error("text variable '" + name + "' does not have one value per location",
                        path.string());
    for (const auto& v : t.variables)
        if (v.values.size() != (v.perWindow ? nWin * nLoc : nLoc))
            throw Error("variable '" + v.name + "' does not fit the dimensions", path.string());
    writeAtomically(path, [&](const std::filesystem::path& tmp) {
        std::lock_guard lock(geo::netcdfLibraryMutex());
        Writer w(tmp);
        int loc = -1, tsw = -1;
        w.check(nc_def_dim(w.id(), "loc", nLoc, &loc), "dimension loc");
        if (nWin > 0)
            w.check(nc_def_dim(w.id(), "tsw", nWin, &tsw), "dimension tsw");
        for (const auto& [k, v] : t.attributes)
            w.text(NC_GLOBAL, k.c_str(), v);
        w.text(NC_GLOBAL, "Conventions", "CF-1.8");
        int lonVar = -1, latVar = -1, tswVar = -1;
        w.check(nc_def_var(w.id(), "lon", NC_DOUBLE, 1, &loc, &lonVar), "variable lon");
        w.text(lonVar, "standard_name", "longitude");
        w.text(lonVar, "units", "degrees_east");
        w.check(nc_def_var(w.id(), "lat", NC_DOUBLE, 1, &loc, &latVar), "variable lat");
        w.text(latVar, "standard_name", "latitude");
        w.text(latVar, "units", "degrees_north");
        if (nWin > 0) {
            w.check(nc_def_var(w.id(), "tsw", NC_STRING, 1, &tsw, &tswVar), "variable tsw");
            w.text(tswVar, "long_name", "temporal sub-window");
        }
        std::vector<int> textVars;
        for (const auto& [name, values] : t.text) {
            int id = -1;
            w.check(nc_def_var(w.id(), name.c_str(), NC_STRING, 1, &loc, &id), "variable " + name);
            w.text(id, "coordinates", "lon lat");
            textVars.push_back(id);
        }
        std::vector<int> vars;
        const double fill = NC_FILL_DOUBLE;
        for (const auto& v : t.variables) {
            int id = -1;
            const int dims[2] = {tsw, loc};
            w.check(nc_def_var(w.id(), v.name.c_str(), NC_DOUBLE, v.perWindow ? 2 : 1,
                               v.perWindow ? dims : &loc, &id),
                    "variable " + v.name);
            w.check(nc_def_var_fill(w.id(), id, 0, &fill), "fill value of " + v.name);
            w.check(nc_def_var_deflate(w.id(), id, 1, 1, 4), "compression of " + v.name);
            if (!v.longName.empty())
                w.text(id, "long_name", v.longName);
            if (!v.units.empty())
                w.text(id, "units", v.units);
            w.text(id, "coordinates", "lon lat");
            vars.push_back(id);
        }
        w.check(nc_enddef(w.id()), "end of definitions");
        if (nLoc > 0) {
            w.check(nc_put_var_double(w.id(), lonVar, t.lon.data()), "write lon");
            w.check(nc_put_var_double(w.id(), latVar, t.lat.data()), "write lat");
        }
        if (nWin > 0)
            putStrings(w, tswVar, t.windows);
        for (std::size_t i = 0; i < t.text.size(); ++i)
            putStrings(w, textVars[i], t.text[i].second);
        for (std::size_t i = 0; i < t.variables.size(); ++i) {
            auto values = t.variables[i].values;
            for (auto& x : values)
                if (!std::isfinite(x))
                    x = fill;
            if (!values.empty())
                w.check(nc_put_var_double(w.id(), vars[i], values.data()),
                        "write " + t.variables[i].name);
        }
        w.close();
    });
}

} // namespace soilscope::products
