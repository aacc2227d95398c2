#include "products/point_series_file.h"

#include "base/error.h"
#include "base/text.h"
#include "geo/cf_time.h"
#include "products/netcdf_file.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace soilscope::products {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The variable whose standard_name is `standardName`, else the first of `names` present, with
/// `dims` as its dimensions.
std::string coordinate(const NetcdfFile& f, const std::string& standardName,
                       const std::vector<std::string>& names, const std::string& dim) {
    const auto onDim = [&](const std::string& v) {
        const auto d = f.dimensions(v);
        return d.size() == 1 && d[0].name == dim;
    };
    for (const auto& v : f.variables())
        if (lowerAscii(f.text(v, "standard_name")) == standardName && onDim(v))
            return v;
    for (const auto& n : names)
        if (f.hasVariable(n) && onDim(n))
            return n;
    return {};
}

int dayOfYear(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const auto jan1 = std::chrono::sys_days{ymd.year() / std::chrono::January / 1};
    return static_cast<int>((day - jan1).count()) + 1;
}

} // namespace

LocationSeries keptSeries(const std::vector<TimePoint>& times, const std::vector<double>& values,
                          const std::vector<char>& keep, const std::string& name,
                          const std::string& units, const std::vector<std::size_t>* members) {
    LocationSeries out;
    const std::size_t n = members ? members->size() : times.size();
    out.observations = n;
    auto& s = out.series;
    s.name = name;
    s.units = units;
    s.reserve(n);
    out.rejected.name = name;
    out.rejected.units = units;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = members ? (*members)[i] : i;
        if (!keep.empty() && !keep[i]) {
            ++out.masked;
            out.rejected.push(times[k], values[k]);
            continue;
        }
        s.times.push_back(times[k]);
        s.values.push_back(values[k]);
    }
    const std::size_t before = s.size();
    if (!std::is_sorted(s.times.begin(), s.times.end())) {
        s.sortAndDeduplicate();
    } else if (std::adjacent_find(s.times.begin(), s.times.end()) != s.times.end()) {
        std::size_t w = 0; // already in order: keep the first of each time in one pass
        for (std::size_t r = 0; r < s.size(); ++r)
            if (w == 0 || s.times[r] != s.times[w - 1]) {
                s.times[w] = s.times[r];
                s.values[w++] = s.values[r];
            }
        s.times.resize(w);
        s.values.resize(w);
    }
    out.duplicates = before - s.size();
    if (!std::is_sorted(out.rejected.times.begin(), out.rejected.times.end()))
        out.rejected.sortAndDeduplicate();
    return out;
}

double distanceKm(double lon1, double lat1, double lon2, double lat2) {
    constexpr double rad = 3.14159265358979323846 / 180.0;
    const double dlat = (lat2 - lat1) * rad;
    const double dlon = (lon2 - lon1) * rad;
    const double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

PointSeriesFile::~PointSeriesFile() = default;
PointSeriesFile::PointSeriesFile(PointSeriesFile&&) noexcept = default;
PointSeriesFile& PointSeriesFile::operator=(PointSeriesFile&&) noexcept = default;

bool PointSeriesFile::recognises(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !NetcdfFile::opens(path))
        return false;
    try {
        return lowerAscii(NetcdfFile(path).text({}, "featureType")) == "timeseries";
    } catch (const Error&) {
        return false;
    }
}

PointSeriesFile::PointSeriesFile(const std::filesystem::path& path)
    : m_file(std::make_unique<NetcdfFile>(path)) {
    const NetcdfFile& f = *m_file;
    const std::string feature = f.text({}, "featureType");
    if (lowerAscii(feature) != "timeseries")
        throw Error("not a CF point time-series file (featureType is '" + feature +
                        "', expected 'timeSeries')",
                    f.path());
    std::string rowSize;
    std::string locationIndex;
    for (const auto& v : f.variables()) {
        if (!f.text(v, "sample_dimension").empty())
            rowSize = v;
        if (!f.text(v, "instance_dimension").empty())
            locationIndex = v;
    }
    if (!rowSize.empty()) {
        m_sampleDim = f.text(rowSize, "sample_dimension");
        const auto dims = f.dimensions(rowSize);
        if (dims.size() != 1)
            throw Error("'" + rowSize + "' (the row sizes) must have one dimension", f.path());
        m_instanceDim = dims[0].name;
    } else if (!locationIndex.empty()) {
        m_indexed = true;
        m_instanceDim = f.text(locationIndex, "instance_dimension");
        const auto dims = f.dimensions(locationIndex);
        if (dims.size() != 1)
            throw Error("'" + locationIndex + "' (the location index) must have one dimension",
                        f.path());
        m_sampleDim = dims[0].name;
    } else {
        throw Error("a timeSeries file without a ragged array: no variable has a "
                    "sample_dimension (contiguous) or instance_dimension (indexed) attribute",
                    f.path());
    }
    const auto sampleLen = f.dimensionLength(m_sampleDim);
    const auto instanceLen = f.dimensionLength(m_instanceDim);
    if (!sampleLen)
        throw Error("the sample dimension '" + m_sampleDim + "' does not exist", f.path());
    if (!instanceLen)
        throw Error("the instance dimension '" + m_instanceDim + "' does not exist", f.path());
    m_observations = *sampleLen;
    const std::size_t nLoc = *instanceLen;

    const std::string lon = coordinate(f, "longitude", {"lon", "longitude"}, m_instanceDim);
    const std::string lat = coordinate(f, "latitude", {"lat", "latitude"}, m_instanceDim);
    if (lon.empty() || lat.empty())
        throw Error("no longitude/latitude variable over the locations ('" + m_instanceDim + "')",
                    f.path());
    m_timeVariable = coordinate(f, "time", {"time"}, m_sampleDim);
    if (m_timeVariable.empty())
        throw Error("no time variable over the observations ('" + m_sampleDim + "')", f.path());
    m_timeUnits = f.text(m_timeVariable, "units");
    m_timeCalendar = f.text(m_timeVariable, "calendar");
    geo::parseCfTimeUnitsOf(f.path(), m_timeVariable, m_timeUnits, m_timeCalendar);

    const auto lons = f.read(lon);
    const auto lats = f.read(lat);
    std::string idVar;
    for (const auto& v : f.variables())
        if (lowerAscii(f.text(v, "cf_role")) == "timeseries_id") {
            const auto d = f.dimensions(v);
            if (d.size() == 1 && d[0].name == m_instanceDim)
                idVar = v;
        }
    std::vector<long long> ids(nLoc);
    std::iota(ids.begin(), ids.end(), 0LL);
    if (!idVar.empty())
        ids = f.readIntegers(idVar);
    // The coordinate variables were chosen by their dimension, but a broken file may give
    // them other lengths (found by fuzz_point_products: a read past the end).
    for (const auto& [name, n] :
         {std::pair{lon, lons.size()}, std::pair{lat, lats.size()}, std::pair{idVar, ids.size()}})
        if (n != nLoc)
            throw Error("'" + name + "' holds " + std::to_string(n) + " values for " +
                            std::to_string(nLoc) + " locations ('" + m_instanceDim + "')",
                        f.path());
    m_locations.resize(nLoc);
    for (std::size_t i = 0; i < nLoc; ++i)
        m_locations[i] = {ids[i], lons[i], lats[i]};

    if (!m_indexed) {
        const auto sizes = f.readIntegers(rowSize);
        if (sizes.size() != nLoc)
            throw Error("'" + rowSize + "' holds " + std::to_string(sizes.size()) + " values for " +
                            std::to_string(nLoc) + " locations",
                        f.path());
        long long total = 0;
        m_offsets.resize(nLoc);
        m_counts.resize(nLoc);
        for (std::size_t i = 0; i < nLoc; ++i) {
            if (sizes[i] < 0)
                throw Error("'" + rowSize + "' is negative (" + std::to_string(sizes[i]) +
                                ") at location " + std::to_string(i),
                            f.path());
            m_offsets[i] = static_cast<std::size_t>(total);
            m_counts[i] = static_cast<std::size_t>(sizes[i]);
            total += sizes[i];
        }
        if (static_cast<std::size_t>(total) != m_observations)
            throw Error("'" + rowSize + "' adds up to " + std::to_string(total) +
                            " observations but the '" + m_sampleDim + "' dimension has " +
                            std::to_string(m_observations),
                        f.path());
    } else {
        const auto index = f.readIntegers(locationIndex);
        if (index.size() != m_observations)
            throw Error("'" + locationIndex + "' holds " + std::to_string(index.size()) +
                            " values for " + std::to_string(m_observations) + " observations",
                        f.path());
        m_members.assign(nLoc, {});
        for (std::size_t i = 0; i < index.size(); ++i) {
            if (index[i] < 0 || static_cast<std::size_t>(index[i]) >= nLoc)
                throw Error("'" + locationIndex + "' is " + std::to_string(index[i]) +
                                " at observation " + std::to_string(i) + ", outside the " +
                                std::to_string(nLoc) + " locations",
                            f.path());
            m_members[static_cast<std::size_t>(index[i])].push_back(i);
        }
    }

    for (const auto& v : f.variables()) {
        PointVariable pv;
        pv.name = v;
        pv.units = f.text(v, "units");
        pv.longName = f.text(v, "long_name");
        const auto dims = f.dimensions(v);
        if (dims.size() == 1 && dims[0].name == m_sampleDim)
            pv.shape = VariableShape::Observation;
        else if (dims.size() == 1 && dims[0].name == m_instanceDim)
            pv.shape = VariableShape::Location;
        else if (dims.size() == 2 && dims[0].name == m_instanceDim && dims[1].length <= 366 &&
                 dims[1].length >= 365)
            pv.shape = VariableShape::LocationByDayOfYear;
        if (dims.size() == 1 && dims[0].length >= 365 && dims[0].length <= 366 &&
            (v == "doy" || lowerAscii(pv.longName) == "day of year"))
            m_dayOfYearVariable = v;
        m_variables.push_back(pv);
    }
}

const std::string& PointSeriesFile::path() const {
    return m_file->path();
}

std::string PointSeriesFile::layout() const {
    return m_indexed ? "indexed ragged array" : "contiguous ragged array";
}

const PointVariable& PointSeriesFile::variable(const std::string& name) const {
    for (const auto& v : m_variables)
        if (v.name == name)
            return v;
    const auto namesOf = [&](VariableShape shape) {
        std::string names;
        for (const auto& v : m_variables)
            if (v.shape == shape && v.name != m_timeVariable)
                names += (names.empty() ? "" : ", ") + v.name;
        return names;
    };
    std::string known = "observation variables: " + namesOf(VariableShape::Observation);
    if (const auto perLocation = namesOf(VariableShape::Location); !perLocation.empty())
        known += "; per location: " + perLocation;
    if (const auto perDay = namesOf(VariableShape::LocationByDayOfYear); !perDay.empty())
        known += "; per location and day of year: " + perDay;
    throw Error("no variable '" + name + "' (" + known + ")", path());
}

std::string PointSeriesFile::soilMoistureVariable() const {
    for (const char* name : {"sm", "soil_moisture"})
        for (const auto& v : m_variables)
            if (v.name == name && v.shape == VariableShape::Observation)
                return v.name;
    for (const auto& v : m_variables)
        if (v.shape == VariableShape::Observation &&
            lowerAscii(m_file->text(v.name, "standard_name")).find("soil_moisture") !=
                std::string::npos)
            return v.name;
    return {};
}

std::string PointSeriesFile::attribute(const std::string& name) const {
    return m_file->text({}, name);
}

std::pair<std::size_t, double> PointSeriesFile::nearest(double lon, double lat) const {
    if (m_locations.empty())
        throw Error("the file has no locations", path());
    std::size_t best = 0;
    double bestKm = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < m_locations.size(); ++i) {
        const double d = distanceKm(lon, lat, m_locations[i].lon, m_locations[i].lat);
        if (d < bestKm) {
            bestKm = d;
            best = i;
        }
    }
    return {best, bestKm};
}

std::optional<std::size_t> PointSeriesFile::findId(long long id) const {
    for (std::size_t i = 0; i < m_locations.size(); ++i)
        if (m_locations[i].id == id)
            return i;
    return std::nullopt;
}

double PointSeriesFile::locationValue(const std::string& name, std::size_t i) const {
    if (variable(name).shape != VariableShape::Location)
        throw Error("'" + name + "' is not a per-location variable", path());
    return m_file->read(name, i, 1).front();
}

std::vector<TimePoint> PointSeriesFile::timesOf(const std::vector<double>& raw) const {
    const auto units = geo::parseCfTimeUnits(m_timeUnits, m_timeCalendar);
    std::vector<TimePoint> out(raw.size());
    const bool gregorian = units.calendar == geo::CfCalendar::Standard ||
                           units.calendar == geo::CfCalendar::ProlepticGregorian;
    const TimePoint origin = geo::cfToTime(0.0, units);
    constexpr double kMaxOffsetSeconds = 10000.0 * 366.0 * 86400.0; // as cfToTime
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (!std::isfinite(raw[i]))
            throw Error("the time of observation " + std::to_string(i) + " is missing", path());
        if (std::abs(raw[i] * units.secondsPerUnit) > kMaxOffsetSeconds)
            throw Error("the time of observation " + std::to_string(i) + " (" +
                            std::to_string(raw[i]) + " " + m_timeUnits +
                            ") lies more than 10 000 years from its reference",
                        path());
        out[i] = gregorian
                     ? origin + std::chrono::seconds{std::llround(raw[i] * units.secondsPerUnit)}
                     : geo::cfToTime(raw[i], units);
    }
    return out;
}

std::vector<char> PointSeriesFile::maskOf(
    const ObservationMask& mask, std::size_t location, const std::vector<TimePoint>& times,
    const std::function<std::vector<double>(const std::string&)>& observationValuesOf) const {
    std::vector<double> doyValues;
    if (!m_dayOfYearVariable.empty())
        doyValues = m_file->read(m_dayOfYearVariable);
    return mask.evaluate(times.size(), [&](const std::string& name) {
        const PointVariable& v = variable(name);
        switch (v.shape) {
        case VariableShape::Observation:
            return observationValuesOf(name);
        case VariableShape::Location:
            return std::vector<double>(times.size(), m_file->read(name, location, 1).front());
        case VariableShape::LocationByDayOfYear: {
            const auto row = m_file->read(name, location, 1);
            std::vector<double> out(times.size(), kNaN);
            for (std::size_t i = 0; i < times.size(); ++i) {
                const int doy = dayOfYear(times[i]);
                std::size_t k = static_cast<std::size_t>(doy - 1);
                if (!doyValues.empty()) {
                    const auto it = std::find(doyValues.begin(), doyValues.end(), doy);
                    k = static_cast<std::size_t>(it - doyValues.begin());
                }
                if (k < row.size())
                    out[i] = row[k];
            }
            return out;
        }
        case VariableShape::Other:
            break;
        }
        throw Error("the mask cannot use '" + name +
                        "': it is neither per observation, per location nor per day of year",
                    path());
    });
}

LocationSeries PointSeriesFile::series(std::size_t location, const std::string& name,
                                       const ObservationMask& mask) const {
    if (location >= m_locations.size())
        throw Error("location " + std::to_string(location) + " does not exist (the file has " +
                        std::to_string(m_locations.size()) + ")",
                    path());
    if (variable(name).shape != VariableShape::Observation)
        throw Error("'" + name + "' is not an observation variable", path());
    std::function<std::vector<double>(const std::string&)> valuesOf;
    if (!m_indexed) {
        valuesOf = [&](const std::string& v) {
            return m_counts[location] == 0
                       ? std::vector<double>{}
                       : m_file->read(v, m_offsets[location], m_counts[location]);
        };
    } else {
        valuesOf = [&](const std::string& v) {
            const auto all = m_file->read(v);
            std::vector<double> out;
            for (const auto i : m_members[location])
                out.push_back(all[i]);
            return out;
        };
    }
    const auto times = timesOf(valuesOf(m_timeVariable));
    const auto values = valuesOf(name);
    const auto keep = mask.empty() ? std::vector<char>{} : maskOf(mask, location, times, valuesOf);
    return keptSeries(times, values, keep, name, variable(name).units);
}

std::vector<LocationSeries> PointSeriesFile::allSeries(const std::string& name,
                                                       const ObservationMask& mask) const {
    if (variable(name).shape != VariableShape::Observation)
        throw Error("'" + name + "' is not an observation variable", path());
    const auto allTimes = timesOf(m_file->read(m_timeVariable));
    const auto allValues = m_file->read(name);
    std::map<std::string, std::vector<double>> maskValues;
    for (const auto& v : mask.variables())
        if (variable(v).shape == VariableShape::Observation && !maskValues.count(v))
            maskValues[v] = m_file->read(v);
    std::vector<LocationSeries> out;
    out.reserve(m_locations.size());
    std::vector<std::size_t> members;
    for (std::size_t loc = 0; loc < m_locations.size(); ++loc) {
        if (m_indexed) {
            members = m_members[loc];
        } else {
            members.resize(m_counts[loc]);
            std::iota(members.begin(), members.end(), m_offsets[loc]);
        }
        const auto gather = [&](const std::vector<double>& all) {
            std::vector<double> part(members.size());
            for (std::size_t i = 0; i < members.size(); ++i)
                part[i] = all[members[i]];
            return part;
        };
        std::vector<char> keep;
        if (!mask.empty()) {
            std::vector<TimePoint> times(members.size());
            for (std::size_t i = 0; i < members.size(); ++i)
                times[i] = allTimes[members[i]];
            keep = maskOf(mask, loc, times,
                          [&](const std::string& v) { return gather(maskValues.at(v)); });
        }
        out.push_back(keptSeries(allTimes, allValues, keep, name, variable(name).units, &members));
    }
    return out;
}

} // namespace soilscope::products
