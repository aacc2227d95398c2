#include "geo/raster_series.h"

#include "base/daily_label.h"
#include "base/error.h"
#include "geo/cf_time.h"
#include "geo/raster.h"

#include <gdal.h>
#include <gdal_utils.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace soilscope::geo {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> splitList(std::string text, const std::string& separators) {
    text.erase(
        std::remove_if(text.begin(), text.end(), [](char c) { return c == '{' || c == '}'; }),
        text.end());
    std::vector<std::string> out;
    std::string current;
    for (char c : text) {
        if (separators.find(c) != std::string::npos) {
            if (!current.empty())
                out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        out.push_back(current);
    return out;
}

std::string variableOfSubdataset(const std::string& name) {
    std::string v = name.substr(name.rfind(':') + 1);
    v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
    if (const auto slash = v.rfind('/'); slash != std::string::npos)
        v = v.substr(slash + 1);
    return v;
}

/// ISO text or compact digits: YYYYMMDD[hh[mm[ss]]] or YYYYDDD (day of year). A date without
/// a time of day labels daily data: it gets the daily label time (base/daily_label.h).
std::optional<TimePoint> parseDateText(const std::string& text) {
    if (auto t = parseIsoTime(text)) {
        const bool dateOnly =
            text.size() == 10 && text[4] == text[7] && (text[4] == '-' || text[4] == '/');
        return dateOnly ? *t + dailyLabelTime() : *t;
    }
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(text.substr(pos, len)); };
    if (text.size() == 7) {
        const int doy = num(4, 3);
        if (doy < 1 || doy > 366)
            return std::nullopt;
        return makeTime(num(0, 4), 1, 1) + std::chrono::days{doy - 1} + dailyLabelTime();
    }
    if (text.size() != 8 && text.size() != 10 && text.size() != 12 && text.size() != 14)
        return std::nullopt;
    const int month = num(4, 2), day = num(6, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    const int h = text.size() >= 10 ? num(8, 2) : 0;
    const int mi = text.size() >= 12 ? num(10, 2) : 0;
    const int s = text.size() >= 14 ? num(12, 2) : 0;
    const TimePoint t =
        makeTime(num(0, 4), static_cast<unsigned>(month), static_cast<unsigned>(day), h, mi, s);
    return text.size() == 8 ? t + dailyLabelTime() : t;
}

/// The time axis of a NetCDF-like raster: bands along the CF time dimension (other extra
/// dimensions fixed at the first band's values) with their times.
struct CfAxis {
    std::vector<int> bands;
    std::vector<TimePoint> times;
    std::string calendar;
    /// Per time: bands of the other `expver` values (ERA5 final, then ERA5T) that fill it
    /// where the first is missing.
    std::vector<std::vector<int>> fillers;
};

bool isExperimentVersion(const std::string& dim) {
    std::string low = dim;
    std::transform(low.begin(), low.end(), low.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return low == "expver";
}

std::optional<CfAxis> cfAxis(const Raster& r) {
    const std::string extra = r.metadataItem("NETCDF_DIM_EXTRA");
    if (extra.empty() || r.bandCount() == 0)
        return std::nullopt;
    const auto dims = splitList(extra, ",");
    std::string timeDim;
    std::string units;
    for (const auto& d : dims) {
        std::string u = r.metadataItem(d + "#units");
        std::string low = u;
        std::transform(low.begin(), low.end(), low.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (low.find(" since ") != std::string::npos) {
            timeDim = d;
            units = u;
            break;
        }
    }
    if (timeDim.empty())
        return std::nullopt;
    CfAxis axis;
    axis.calendar = r.metadataItem(timeDim + "#calendar");
    const CfTimeUnits cf = parseCfTimeUnitsOf(r.path(), timeDim, units, axis.calendar);
    axis.calendar = cfCalendarName(cf.calendar);
    std::map<std::string, std::string> firstOthers, firstButExpver;
    std::map<std::string, std::size_t> indexOfTime;
    std::vector<std::pair<std::string, int>> pendingFillers;
    for (int b = 1; b <= r.bandCount(); ++b) {
        const auto md = r.band(b).metadata;
        const auto it = md.find("NETCDF_DIM_" + timeDim);
        if (it == md.end())
            throw Error("band " + std::to_string(b) + " has no value on the time axis '" + timeDim +
                            "'",
                        r.path());
        std::map<std::string, std::string> others, othersButExpver;
        for (const auto& d : dims)
            if (d != timeDim && md.count("NETCDF_DIM_" + d)) {
                others[d] = md.at("NETCDF_DIM_" + d);
                if (!isExperimentVersion(d))
                    othersButExpver[d] = others[d];
            }
        if (b == 1) {
            firstOthers = others;
            firstButExpver = othersButExpver;
        }
        if (others != firstOthers) {
            // Another experiment version of a time already on the axis fills its gaps.
            if (othersButExpver == firstButExpver)
                pendingFillers.emplace_back(it->second, b);
            continue;
        }
        char* end = nullptr;
        const double value = std::strtod(it->second.c_str(), &end);
        if (end == it->second.c_str())
            throw Error("time value '" + it->second + "' is not a number", r.path());
        axis.bands.push_back(b);
        try {
            axis.times.push_back(cfToTime(value, cf));
        } catch (const Error& e) {
            throw Error(timeDim + " of band " + std::to_string(b) + ": " + e.message(), r.path());
        }
        axis.fillers.emplace_back();
        indexOfTime[it->second] = axis.bands.size() - 1;
    }
    for (const auto& [timeText, band] : pendingFillers)
        if (const auto k = indexOfTime.find(timeText); k != indexOfTime.end())
            axis.fillers[k->second].push_back(band);
    return axis;
}

std::vector<TimePoint> descriptionTimes(const Raster& r) {
    std::vector<TimePoint> times;
    for (int b = 1; b <= r.bandCount(); ++b) {
        const auto t = parseDateText(r.band(b).description);
        if (!t)
            return {};
        times.push_back(*t);
    }
    return times;
}

/// GRIB messages carry their valid time (seconds since 1970) in band metadata.
std::vector<TimePoint> gribTimes(const Raster& r) {
    std::vector<TimePoint> times;
    for (int b = 1; b <= r.bandCount(); ++b) {
        const auto meta = r.band(b).metadata;
        const auto it = meta.find("GRIB_VALID_TIME");
        if (it == meta.end())
            return {};
        char* end = nullptr;
        const long long seconds = std::strtoll(it->second.c_str(), &end, 10);
        if (end == it->second.c_str())
            return {};
        times.push_back(TimePoint{std::chrono::seconds{seconds}});
    }
    return times;
}

/// Times of every band from band metadata: GRIB valid times, else ISO band descriptions.
std::vector<TimePoint> bandMetadataTimes(const Raster& r) {
    auto times = gribTimes(r);
    return times.empty() ? descriptionTimes(r) : times;
}

/// GRIB units come in brackets ("[C]", "[K]", "[m]"); GDAL converts temperatures to degrees
/// Celsius unless GRIB_NORMALIZE_UNITS=NO.
std::string gribUnits(const Raster& r) {
    if (r.bandCount() == 0)
        return {};
    const auto meta = r.band(1).metadata;
    const auto it = meta.find("GRIB_UNIT");
    if (it == meta.end())
        return {};
    std::string u = it->second;
    if (u.size() >= 2 && u.front() == '[' && u.back() == ']')
        u = u.substr(1, u.size() - 2);
    return u == "C" ? "degC" : u;
}

/// The parameters of a GRIB file, each with its bands in file order: one per GRIB_ELEMENT, or
/// per element and level (GRIB_SHORT_NAME, "ELEMENT@LEVEL") where an element comes at several
/// levels. Empty for other files.
std::vector<std::pair<std::string, std::vector<int>>> gribParameters(const Raster& r) {
    if (r.driverName() != "GRIB")
        return {};
    std::vector<std::pair<std::string, std::string>> elementLevel;
    std::map<std::string, std::set<std::string>> levels;
    for (int b = 1; b <= r.bandCount(); ++b) {
        const auto meta = r.band(b).metadata;
        const auto element = meta.find("GRIB_ELEMENT"), level = meta.find("GRIB_SHORT_NAME");
        elementLevel.emplace_back(element == meta.end() ? std::string() : element->second,
                                  level == meta.end() ? std::string() : level->second);
        levels[elementLevel.back().first].insert(elementLevel.back().second);
    }
    std::vector<std::pair<std::string, std::vector<int>>> out;
    for (int b = 1; b <= r.bandCount(); ++b) {
        const auto& [element, level] = elementLevel[std::size_t(b - 1)];
        const std::string name = levels[element].size() > 1 ? element + "@" + level : element;
        auto it =
            std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
        if (it == out.end())
            it = out.insert(out.end(), {name, {}});
        it->second.push_back(b);
    }
    return out;
}

/// A virtual raster (GDAL VRT in memory) of some bands of `r`, their metadata kept: one
/// parameter of a GRIB file as a raster of its own. Made once per file version and name.
std::string bandSubsetVrt(const Raster& r, const std::vector<int>& bands, const std::string& name) {
    std::error_code ec;
    const auto modified = fs::last_write_time(r.path(), ec).time_since_epoch().count();
    const std::string key = r.path() + '\n' + std::to_string(modified) + '\n' + name;
    static std::mutex mutex;
    static std::map<std::string, std::string> made;
    const std::lock_guard lock(mutex);
    if (const auto it = made.find(key); it != made.end())
        return it->second;
    const std::string vrt =
        "/vsimem/soilscope/parameter-" + std::to_string(made.size() + 1) + ".vrt";
    std::vector<std::string> args{"-of", "VRT"};
    for (const int b : bands)
        args.insert(args.end(), {"-b", std::to_string(b)});
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const auto gdalLock = r.libraryLock();
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH out =
        GDALTranslate(vrt.c_str(), static_cast<GDALDatasetH>(r.nativeHandle()), options, nullptr);
    GDALTranslateOptionsFree(options);
    if (!out)
        throw Error("cannot select the bands of parameter " + name, r.path());
    GDALClose(out);
    made.emplace(key, vrt);
    return vrt;
}

std::string parameterNames(const std::vector<std::pair<std::string, std::vector<int>>>& params) {
    std::string names;
    for (const auto& p : params)
        names += (names.empty() ? "" : ", ") + p.first;
    return names;
}

std::string variableName(const Raster& r, const std::string& fallback) {
    if (r.bandCount() > 0) {
        const auto md = r.band(1).metadata;
        if (const auto it = md.find("NETCDF_VARNAME"); it != md.end())
            return it->second;
        const std::string d = r.band(1).description;
        if (r.bandCount() == 1 && !d.empty())
            return d;
    }
    return fallback;
}

std::string stemOf(const std::string& path) {
    return fs::path(path).stem().string();
}

/// Variables that only describe others (coordinates, cell bounds).
std::set<std::string> auxiliaryVariables(const Raster& r) {
    std::set<std::string> aux;
    for (const auto& [key, value] : r.metadata()) {
        const auto hash = key.find('#');
        if (hash == std::string::npos)
            continue;
        const std::string attr = key.substr(hash + 1);
        if (attr == "coordinates" || attr == "bounds")
            for (const auto& v : splitList(value, " "))
                aux.insert(v);
    }
    for (const auto& [axis, name] : r.metadata("GEOLOCATION"))
        if (axis == "X_DATASET" || axis == "Y_DATASET")
            aux.insert(variableOfSubdataset(name));
    return aux;
}

std::string regexEscape(char c) {
    static const std::string special = R"(\^$.|?*+()[]{})";
    return special.find(c) != std::string::npos ? std::string("\\") + c : std::string(1, c);
}

struct FilePattern {
    std::regex regex;
    std::vector<char> fields; ///< Y M D J(day of year) h m s, in capture order; empty = regex mode
};

FilePattern compilePattern(const std::string& pattern) {
    FilePattern fp;
    // Date fields start with a letter ({YYYY}); regex counts such as {8} start with a digit.
    if (!std::regex_search(pattern, std::regex(R"(\{[YMDhms])"))) {
        try {
            fp.regex = std::regex(pattern);
        } catch (const std::regex_error& e) {
            throw Error(std::string("invalid regular expression: ") + e.what(), pattern);
        }
        if (fp.regex.mark_count() < 1)
            throw Error("the regular expression needs a capture group around the date", pattern);
        return fp;
    }
    static const std::vector<std::pair<std::string, char>> tokens{
        {"YYYY", 'Y'}, {"DDD", 'J'}, {"MM", 'M'}, {"DD", 'D'},
        {"hh", 'h'},   {"mm", 'm'},  {"ss", 's'}};
    std::string re;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '*') {
            re += ".*";
            continue;
        }
        if (c == '?') {
            re += ".";
            continue;
        }
        if (c != '{') {
            re += regexEscape(c);
            continue;
        }
        const auto close = pattern.find('}', i);
        if (close == std::string::npos)
            throw Error("unclosed '{' in the file name pattern", pattern);
        const std::string token = pattern.substr(i + 1, close - i - 1);
        for (std::size_t k = 0; k < token.size();) {
            bool matched = false;
            for (const auto& [text, field] : tokens) {
                if (token.compare(k, text.size(), text) == 0) {
                    re += "(\\d{" + std::to_string(text.size()) + "})";
                    fp.fields.push_back(field);
                    k += text.size();
                    matched = true;
                    break;
                }
            }
            if (!matched)
                re += regexEscape(token[k++]);
        }
        i = close;
    }
    const auto has = [&](char f) {
        return std::find(fp.fields.begin(), fp.fields.end(), f) != fp.fields.end();
    };
    if (!has('Y') || !(has('J') || (has('M') && has('D'))))
        throw Error("the file name pattern needs {YYYY} with {MM}{DD} or {DDD}", pattern);
    fp.regex = std::regex(re);
    return fp;
}

std::optional<TimePoint> matchTime(const FilePattern& fp, const std::string& name) {
    std::smatch m;
    if (!std::regex_match(name, m, fp.regex))
        return std::nullopt;
    if (fp.fields.empty())
        return parseDateText(m[1].str());
    int y = 0, mo = 1, d = 1, doy = 0, h = 0, mi = 0, s = 0;
    for (std::size_t i = 0; i < fp.fields.size(); ++i) {
        const int v = std::stoi(m[i + 1].str());
        switch (fp.fields[i]) {
        case 'Y':
            y = v;
            break;
        case 'M':
            mo = v;
            break;
        case 'D':
            d = v;
            break;
        case 'J':
            doy = v;
            break;
        case 'h':
            h = v;
            break;
        case 'm':
            mi = v;
            break;
        default:
            s = v;
            break;
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || doy > 366 || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    TimePoint t = makeTime(y, static_cast<unsigned>(mo), static_cast<unsigned>(d), h, mi, s);
    if (doy > 0)
        t += std::chrono::days{doy - 1};
    if (std::find(fp.fields.begin(), fp.fields.end(), 'h') == fp.fields.end())
        t += dailyLabelTime(); // a dated file without an hour holds daily data
    return t;
}

} // namespace

RasterSeries::RasterSeries(const RasterSeries& o)
    : m_steps(o.m_steps), m_times(o.m_times), m_grid(o.m_grid), m_variable(o.m_variable),
      m_units(o.m_units), m_dtype(o.m_dtype), m_calendar(o.m_calendar), m_netcdf(o.m_netcdf) {}

RasterSeries& RasterSeries::operator=(const RasterSeries& o) {
    if (this != &o) {
        RasterSeries copy(o);
        *this = std::move(copy);
    }
    return *this;
}

RasterSeries::RasterSeries(RasterSeries&&) noexcept = default;
RasterSeries& RasterSeries::operator=(RasterSeries&&) noexcept = default;
RasterSeries::~RasterSeries() = default;

std::vector<TimePoint> RasterSeries::bandTimes(const Raster& raster) {
    if (const auto axis = cfAxis(raster);
        axis && axis->bands.size() == static_cast<std::size_t>(raster.bandCount()))
        return axis->times;
    return bandMetadataTimes(raster);
}

std::vector<RasterVariable>
RasterSeries::listVariables(const std::vector<NetcdfGridVariable>& variables) {
    std::vector<RasterVariable> out;
    for (const auto& v : variables)
        out.push_back({v.name, v.subdataset(), v.times.empty() ? 1 : int(v.times.size()), v.dtype,
                       v.units, v.times, v.grid, v.attributes, v.nodata});
    return out;
}

std::vector<RasterVariable> RasterSeries::listVariables(const fs::path& path) {
    if (const auto netcdf = describeNetcdfGridVariables(path.string()))
        return listVariables(*netcdf);
    std::vector<RasterVariable> out;
    const Raster r(path);
    const auto subs = r.subdatasets();
    const auto describe = [](const Raster& raster, const std::string& name,
                             const std::string& source) {
        RasterVariable v;
        v.name = name;
        v.source = source;
        v.bands = raster.bandCount();
        v.grid = raster.grid();
        if (v.bands > 0) {
            const BandInfo b = raster.band(1);
            v.attributes = b.metadata;
            v.nodata = b.nodata;
            v.dtype = b.dtype;
            v.units = b.units;
            if (const auto axis = cfAxis(raster))
                v.times = axis->times;
            else
                v.times = bandMetadataTimes(raster);
            if (const auto grib = gribUnits(raster); !grib.empty())
                v.units = grib;
        }
        return v;
    };
    if (subs.empty()) {
        // A GRIB file of several parameters (an ERA5 download of several fields): each is a
        // variable of its own, as a netCDF file's are.
        if (const auto params = gribParameters(r); params.size() > 1) {
            for (const auto& [name, bands] : params) {
                const std::string vrt = bandSubsetVrt(r, bands, name);
                out.push_back(describe(Raster(vrt), name, vrt));
            }
            return out;
        }
        out.push_back(describe(r, variableName(r, stemOf(r.path())), r.path()));
        return out;
    }
    const auto aux = auxiliaryVariables(r);
    for (const bool skipAux : {true, false}) {
        for (const auto& sub : subs) {
            const std::string name = variableOfSubdataset(sub);
            if (skipAux && aux.count(name))
                continue;
            const Raster sr(sub);
            out.push_back(describe(sr, name, sub));
        }
        if (!out.empty())
            break;
    }
    return out;
}

namespace {
std::string namesOf(const std::vector<NetcdfGridVariable>& variables) {
    std::string names;
    for (const auto& v : variables)
        names += (names.empty() ? "" : ", ") + v.name;
    return names;
}
} // namespace

std::optional<RasterSeries> RasterSeries::openNetcdfGrid(const std::string& path,
                                                         const std::string& variable) {
    std::string file = path, wanted = variable;
    if (const auto sub = parseNetcdfSubdataset(path)) {
        if (!variable.empty() && variable != sub->second)
            return std::nullopt;
        std::tie(file, wanted) = *sub;
    }
    const auto variables = describeNetcdfGridVariables(file);
    if (!variables)
        return std::nullopt;
    const auto chosen = std::find_if(variables->begin(), variables->end(), [&](const auto& v) {
        return wanted.empty() ? variables->size() == 1 : v.name == wanted;
    });
    if (chosen == variables->end())
        throw Error(wanted.empty() ? "the file holds several variables (" + namesOf(*variables) +
                                         "); choose one"
                                   : "no variable '" + wanted +
                                         "' in the file (variables: " + namesOf(*variables) + ")",
                    file);
    if (chosen->times.empty())
        throw Error("no time axis: neither CF time metadata, GRIB valid times nor ISO dates "
                    "as band descriptions",
                    chosen->subdataset());
    RasterSeries s;
    for (std::size_t k = 0; k < chosen->times.size(); ++k)
        s.m_steps.push_back({chosen->subdataset(), static_cast<int>(k) + 1});
    s.m_times = chosen->times;
    s.m_calendar = chosen->calendar;
    s.m_grid = chosen->grid;
    s.m_variable = chosen->name;
    s.m_units = chosen->units;
    s.m_dtype = chosen->dtype;
    s.m_netcdf = *chosen;
    s.sortByTime();
    return s;
}

const NetcdfGridReader& RasterSeries::netcdfReader() const {
    if (!m_netcdfReader)
        m_netcdfReader = std::make_unique<NetcdfGridReader>(*m_netcdf);
    return *m_netcdfReader;
}

RasterSeries RasterSeries::open(const fs::path& path, const std::string& variable) {
    if (auto netcdf = openNetcdfGrid(path.string(), variable))
        return std::move(*netcdf);
    auto raster = std::make_unique<Raster>(path);
    const auto subs = raster->subdatasets();
    const std::string file = raster->path();
    if (const auto params = gribParameters(*raster); params.size() > 1) {
        // Bands of several parameters are never one series: the variable picks one.
        const auto it = std::find_if(params.begin(), params.end(),
                                     [&](const auto& p) { return p.first == variable; });
        if (variable.empty())
            throw Error("the file holds several variables (" + parameterNames(params) +
                            "); choose one",
                        file);
        if (it == params.end())
            throw Error("no variable '" + variable +
                            "' in the file (variables: " + parameterNames(params) + ")",
                        file);
        raster = std::make_unique<Raster>(bandSubsetVrt(*raster, it->second, variable));
    } else if (!variable.empty() && variableName(*raster, "") != variable) {
        const auto it = std::find_if(subs.begin(), subs.end(), [&](const std::string& s) {
            return variableOfSubdataset(s) == variable;
        });
        if (it == subs.end()) {
            std::string names;
            for (const auto& v : listVariables(path))
                names += (names.empty() ? "" : ", ") + v.name;
            throw Error("no variable '" + variable + "' in the file (variables: " + names + ")",
                        file);
        }
        raster = std::make_unique<Raster>(*it);
    } else if (variable.empty() && raster->bandCount() == 0) {
        const auto vars = listVariables(path);
        if (vars.size() != 1) {
            std::string names;
            for (const auto& v : vars)
                names += (names.empty() ? "" : ", ") + v.name;
            throw Error("the file holds several variables (" + names + "); choose one", file);
        }
        raster = std::make_unique<Raster>(vars.front().source);
    }
    RasterSeries s;
    if (const auto axis = cfAxis(*raster)) {
        for (std::size_t k = 0; k < axis->bands.size(); ++k)
            s.m_steps.push_back({raster->path(), axis->bands[k], axis->fillers[k]});
        s.m_times = axis->times;
        s.m_calendar = axis->calendar;
    } else {
        s.m_times = bandMetadataTimes(*raster);
        if (s.m_times.empty())
            throw Error("no time axis: neither CF time metadata, GRIB valid times nor ISO dates "
                        "as band descriptions",
                        file);
        for (int b = 1; b <= raster->bandCount(); ++b)
            s.m_steps.push_back({raster->path(), b});
    }
    s.m_grid = raster->grid();
    s.m_variable = variable.empty() ? variableName(*raster, stemOf(file)) : variable;
    const BandInfo b1 = raster->band(s.m_steps.front().band);
    s.m_units = b1.units;
    if (const auto grib = gribUnits(*raster); !grib.empty())
        s.m_units = grib;
    s.m_dtype = b1.dtype;
    s.m_open = std::move(raster);
    s.sortByTime();
    return s;
}

RasterSeries RasterSeries::fromFolder(const fs::path& folder, const std::string& pattern, int band,
                                      Feedback* feedback, const std::string& variable) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("not a folder", folder.string());
    const FilePattern fp = compilePattern(pattern);
    std::vector<std::pair<TimePoint, std::string>> files;
    // Sub-folders too: products are distributed in year folders.
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        if (!it->is_regular_file())
            continue;
        if (const auto t = matchTime(fp, it->path().filename().string()))
            files.emplace_back(*t, it->path().string());
    }
    if (ec)
        throw Error("cannot list the folder: " + ec.message(), folder.string());
    if (files.empty())
        throw Error("no file in the folder matches the pattern '" + pattern + "'", folder.string());
    std::sort(files.begin(), files.end());
    // A variable: the files' subdatasets of that name (NETCDF:"<file>":<variable>).
    std::string subdatasetPrefix, subdatasetSuffix;
    if (!variable.empty()) {
        const Raster first(files.front().second);
        for (const auto& sub : first.subdatasets())
            if (const auto colon = sub.rfind(':');
                colon != std::string::npos && sub.substr(colon + 1) == variable) {
                const auto at = sub.find(files.front().second);
                if (at == std::string::npos)
                    continue;
                subdatasetPrefix = sub.substr(0, at);
                subdatasetSuffix = sub.substr(at + files.front().second.size());
            }
        if (subdatasetPrefix.empty() && subdatasetSuffix.empty())
            throw Error("the file has no variable '" + variable + "'", files.front().second);
        band = 1;
    }
    RasterSeries s;
    for (std::size_t i = 0; i < files.size(); ++i) {
        reportFraction(feedback, static_cast<double>(i) / static_cast<double>(files.size()));
        if (i > 0 && files[i].first == files[i - 1].first)
            throw Error("two files have the same time " + formatIsoTime(files[i].first) + ": " +
                            files[i - 1].second + " and " + files[i].second,
                        folder.string());
        const std::string source = variable.empty()
                                       ? files[i].second
                                       : subdatasetPrefix + files[i].second + subdatasetSuffix;
        const Raster r(source);
        if (band < 1 || band > r.bandCount())
            throw Error("band " + std::to_string(band) + " does not exist", source);
        if (i == 0) {
            s.m_grid = r.grid();
            const BandInfo b = r.band(band);
            s.m_units = b.units;
            s.m_dtype = b.dtype;
            s.m_variable = !variable.empty()       ? variable
                           : b.description.empty() ? folder.filename().string()
                                                   : b.description;
            if (s.m_variable.empty())
                s.m_variable = folder.parent_path().filename().string();
        } else if (!r.grid().sameAs(s.m_grid)) {
            throw Error("the grid (" + r.grid().describe() + ") differs from the first file's (" +
                            s.m_grid.describe() + ")",
                        source);
        }
        s.m_steps.push_back({source, band});
        s.m_times.push_back(files[i].first);
    }
    reportFraction(feedback, 1.0);
    return s;
}

namespace {
std::string xmlEscaped(const std::string& text) {
    std::string out;
    for (const char c : text)
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    return out;
}
} // namespace

std::string RasterSeries::knownFolderPattern(const fs::path& folder) {
    static const std::vector<std::string> patterns{
        // ESA CCI SM daily images: ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc
        "ESACCI-SOILMOISTURE-L3S-*-{YYYYMMDD}000000-fv*.nc"};
    std::error_code ec;
    for (const auto& pattern : patterns) {
        const FilePattern fp = compilePattern(pattern);
        for (auto it = fs::recursive_directory_iterator(folder, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec)
                break;
            if (it->is_regular_file() && matchTime(fp, it->path().filename().string()))
                return pattern;
        }
    }
    return {};
}

RasterSeries RasterSeries::fromKnownFolder(const fs::path& folder, const std::string& variable) {
    const std::string pattern = knownFolderPattern(folder);
    if (pattern.empty())
        throw Error("the folder holds no product SoilScope reads as a series of dated images "
                    "(ESA CCI SM daily files)",
                    folder.string());
    const auto series = fromFolder(folder, pattern, 1, nullptr, variable.empty() ? "sm" : variable);
    // One product and version: the file names agree but for their dates.
    const std::regex date("[0-9]{14}");
    std::string first;
    for (std::size_t i = 0; i < series.size(); ++i) {
        std::string name = fs::path(series.sourceOf(i)).filename().string();
        name = name.substr(0, name.find('"')); // NETCDF:"<file>":<variable>
        name = std::regex_replace(name, date, "*", std::regex_constants::format_first_only);
        if (first.empty())
            first = name;
        else if (name != first)
            throw Error("the folder mixes products or versions (" + first + ", " + name +
                            "): point it at one of them",
                        folder.string());
    }
    return series;
}

std::pair<std::string, std::vector<TimePoint>>
RasterSeries::folderAsVrt(const fs::path& folder, const std::string& variable) {
    const RasterSeries series = fromKnownFolder(folder, variable);
    static std::atomic<int> counter{0};
    const std::string vrt = "/vsimem/soilscope/folder-" + std::to_string(++counter) + ".vrt";
    series.writeVrt(vrt);
    return {vrt, series.times()};
}

void RasterSeries::writeVrt(const std::string& path) const {
    if (m_steps.empty())
        throw Error("an empty series has no VRT", path);
    GDALDriverH driver = GDALGetDriverByName("VRT");
    GDALDatasetH vrt = driver ? GDALCreate(driver, path.c_str(), m_grid.width(), m_grid.height(), 0,
                                           GDT_Float32, nullptr)
                              : nullptr;
    if (!vrt)
        throw Error("cannot create a VRT", path);
    const auto& gt = m_grid.geoTransform();
    double transform[6];
    std::copy(gt.begin(), gt.end(), transform);
    GDALSetGeoTransform(vrt, transform);
    GDALSetProjection(vrt, m_grid.crsWkt().c_str());
    bool ok = true;
    for (std::size_t i = 0; i < m_steps.size() && ok; ++i) {
        const Raster source(m_steps[i].source);
        const BandInfo info = source.band(m_steps[i].band);
        ok = GDALAddBand(vrt, GDT_Float32, nullptr) == CE_None;
        GDALRasterBandH band = GDALGetRasterBand(vrt, int(i) + 1);
        if (!ok || !band)
            break;
        std::ostringstream xml;
        xml << "<ComplexSource><SourceFilename relativeToVRT=\"0\">"
            << xmlEscaped(m_steps[i].source) << "</SourceFilename><SourceBand>" << m_steps[i].band
            << "</SourceBand>";
        if (info.nodata)
            xml << "<NODATA>" << *info.nodata << "</NODATA>";
        if (info.scale != 1.0 || info.offset != 0.0)
            xml << "<ScaleOffset>" << info.offset << "</ScaleOffset><ScaleRatio>" << info.scale
                << "</ScaleRatio>";
        xml << "</ComplexSource>";
        ok = GDALSetMetadataItem(band, "source_0", xml.str().c_str(), "new_vrt_sources") == CE_None;
        GDALSetDescription(band, formatIsoTime(m_times[i]).c_str());
        GDALSetRasterNoDataValue(band, std::numeric_limits<float>::quiet_NaN());
        if (!info.units.empty())
            GDALSetRasterUnitType(band, info.units.c_str());
    }
    GDALClose(vrt);
    if (!ok)
        throw Error("cannot add a time step to the VRT", path);
}

void RasterSeries::sortByTime() {
    std::vector<std::size_t> order(m_times.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return m_times[a] < m_times[b]; });
    std::vector<Step> steps;
    std::vector<TimePoint> times;
    for (std::size_t i : order) {
        steps.push_back(m_steps[i]);
        times.push_back(m_times[i]);
    }
    m_steps = std::move(steps);
    m_times = std::move(times);
}

const std::string& RasterSeries::sourceOf(std::size_t i) const {
    if (i >= m_steps.size())
        throw Error("time step " + std::to_string(i) + " does not exist");
    return m_steps[i].source;
}

std::vector<float> RasterSeries::readTime(std::size_t i) const {
    return readTimeWindow(i, Window{0, 0, m_grid.width(), m_grid.height()});
}

std::vector<float> RasterSeries::readTimeWindow(std::size_t i, const Window& window) const {
    if (i >= m_steps.size())
        throw Error("time step " + std::to_string(i) + " does not exist (the series has " +
                    std::to_string(m_steps.size()) + ")");
    const Step& step = m_steps[i];
    if (m_netcdf)
        return netcdfReader().readWindow(static_cast<std::size_t>(step.band - 1), window);
    if (!m_open || m_open->path() != step.source)
        m_open = std::make_unique<Raster>(step.source);
    auto values = m_open->readWindow(step.band, window);
    for (const int filler : step.fillers) {
        if (std::none_of(values.begin(), values.end(), [](float v) { return std::isnan(v); }))
            break;
        const auto more = m_open->readWindow(filler, window);
        for (std::size_t k = 0; k < values.size(); ++k)
            if (std::isnan(values[k]))
                values[k] = more[k];
    }
    return values;
}

std::vector<PixelPoint> RasterSeries::lonLatToPixel(const std::vector<LonLat>& points) const {
    if (m_steps.empty())
        throw Error("the raster series is empty");
    if (m_netcdf)
        return m_grid.lonLatToPixels(points);
    if (!m_open)
        m_open = std::make_unique<Raster>(m_steps.front().source);
    return m_open->lonLatToPixel(points);
}

std::vector<float> RasterSeries::readPixelSeries(int col, int row) const {
    if (col < 0 || row < 0 || col >= m_grid.width() || row >= m_grid.height())
        throw Error("pixel " + std::to_string(col) + "," + std::to_string(row) +
                        " lies outside the " + m_grid.describe() + " grid",
                    m_steps.empty() ? std::string() : m_steps.front().source);
    std::vector<float> out;
    out.reserve(m_steps.size());
    if (m_netcdf) {
        const auto stored = netcdfReader().readPixelSeries(col, row);
        for (const Step& step : m_steps)
            out.push_back(stored[static_cast<std::size_t>(step.band - 1)]);
        return out;
    }
    for (std::size_t i = 0; i < m_steps.size(); ++i)
        out.push_back(readTimeWindow(i, Window{col, row, 1, 1}).front());
    return out;
}

std::optional<std::size_t> RasterSeries::indexOf(TimePoint time,
                                                 std::chrono::seconds tolerance) const {
    if (m_times.empty())
        return std::nullopt;
    const auto it = std::lower_bound(m_times.begin(), m_times.end(), time);
    std::optional<std::size_t> best;
    std::chrono::seconds bestDistance{0};
    for (auto c : {it, it == m_times.begin() ? it : std::prev(it)}) {
        if (c == m_times.end())
            continue;
        const auto distance =
            c->time_since_epoch() > time.time_since_epoch() ? *c - time : time - *c;
        if (distance <= tolerance && (!best || distance < bestDistance)) {
            best = static_cast<std::size_t>(c - m_times.begin());
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace soilscope::geo
