#include "demo/stations_writer.h"

#include "base/atomic_file.h"
#include "demo/twin_random.h"
#include "demo/zip_writer.h"
#include "series/quality_flags.h"
#include "stations/header_values_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace soilscope::demo {

namespace {

// Gruber et al. (2013, Vadose Zone J. 12): representativeness errors of ISMN stations against
// 0.25° products mostly 0.01-0.04 m3/m3; here the point-scale part, two weeks of memory.
constexpr double kRepresentativenessMin = 0.015;
constexpr double kRepresentativenessMax = 0.04;
constexpr double kRepresentativenessMemory_h = 14 * 24;

std::string staticVariablesCsv(const StationSite& st) {
    const SoilSite& s = st.site;
    std::string out =
        "quantity_name;unit;depth_from[m];depth_to[m];value;description;quantity_source_name;"
        "quantity_source_description;quantity_source_provider;quantity_source_version;"
        "quantity_source_resolution;quantity_source_timerange;quantity_source_url;\n";
    char line[512];
    auto row = [&](const char* q, const char* unit, const char* from, const char* to, double v,
                   const char* desc, const char* src) {
        std::snprintf(
            line, sizeof line,
            "%s;%s;%s;%s;%.2f;%s;%s;SoilScope twin region (synthetic);SoilScope;1;point;;;\n", q,
            unit, from, to, v, desc, src);
        out += line;
    };
    row("saturation", "m^3*m^-3", "0.00", "0.30", s.porosity, "", "twin-pedotransfer");
    row("clay fraction", "% weight", "0.00", "0.30", s.clay_pct, "", "twin-soil");
    row("sand fraction", "% weight", "0.00", "0.30", s.sand_pct, "", "twin-soil");
    row("silt fraction", "% weight", "0.00", "0.30", s.silt_pct, "", "twin-soil");
    row("organic carbon", "% weight", "0.00", "0.30", s.organicCarbon_pct, "", "twin-soil");
    std::snprintf(line, sizeof line,
                  "land cover classification;;;;%d;%s;ESA_WorldCover_twin;ESA WorldCover "
                  "classes;SoilScope;1;10m;;;\n",
                  s.landCover, landcover::name(s.landCover));
    out += line;
    out += "climate classification;;;;Cfb;Temperate - Without dry season - Warm "
           "Summer;koeppen_geiger_2007;Koeppen-Geiger Climate "
           "Classification;;Peel2007;0.1\xC2\xB0;;;\n";
    return out;
}

std::string pointTruthCsv(const TwinContext& ctx) {
    const int ns = ctx.run.stations;
    std::string out = "time";
    for (const auto& st : ctx.stations)
        out += "," + st.network + "/" + st.name;
    out += "\n";
    char buf[32];
    for (int k = 0; k < ctx.config.hours; ++k) {
        out += formatIsoTime(ctx.timeOf(k));
        for (int s = 0; s < ns; ++s) {
            std::snprintf(buf, sizeof buf, ",%.4f",
                          ctx.run.stationTheta[static_cast<std::size_t>(k) * ns +
                                               static_cast<std::size_t>(s)]);
            out += buf;
        }
        out += "\n";
    }
    return out;
}

std::string yyyymmdd(TimePoint t) {
    return formatIsoDate(t).substr(0, 4) + formatIsoDate(t).substr(5, 2) +
           formatIsoDate(t).substr(8, 2);
}

} // namespace

void writeStations(TwinContext& ctx) {
    const std::uint64_t seed = ctx.config.seed;
    const int hours = ctx.config.hours;
    const int ns = ctx.run.stations;
    ZipWriter zip;
    std::set<std::string> folders;
    std::string truthCsv =
        "network,station,lon,lat,elevation_m,land_cover,sand_pct,clay_pct,porosity,residual,cell_"
        "col,cell_row,sensor_bias,sensor_gain,sensor_noise,representativeness_std,observations,gap_"
        "hours,spikes\n";
    nlohmann::json stationsJson = nlohmann::json::array();
    for (int s = 0; s < ns; ++s) {
        const StationSite& st = ctx.stations[static_cast<std::size_t>(s)];
        TwinRng rng(hashKey(seed, 6001, static_cast<std::uint64_t>(s)));
        // Gaps: a few outages of one to forty days, plus isolated missing hours.
        std::vector<std::uint8_t> missing(static_cast<std::size_t>(hours), 0);
        const int outages = rng.index(4);
        for (int g = 0; g < outages; ++g) {
            const int start = rng.index(hours);
            const int len = 24 + rng.index(39 * 24);
            for (int k = start; k < std::min(hours, start + len); ++k)
                missing[static_cast<std::size_t>(k)] = 1;
        }
        stations::Station station;
        station.name = st.name;
        station.network = st.network;
        station.lat = st.lat;
        station.lon = st.lon;
        station.elevation_m = std::round(st.site.elevation_m);
        stations::Sensor smSensor, tsSensor;
        smSensor.variable = "soil_moisture";
        tsSensor.variable = "soil_temperature";
        smSensor.depthFrom_m = smSensor.depthTo_m = tsSensor.depthFrom_m = tsSensor.depthTo_m =
            0.05;
        smSensor.instrument = st.instrument;
        tsSensor.instrument = st.instrument;
        int gapHours = 0, spikes = 0;
        // Representativeness: what the probe's few cm³ see differs from the point's 0-5 cm
        // layer (roots, stones, contact, local texture) by an error with a two-week memory.
        const double representativenessStd =
            ctx.config.realisticErrors
                ? kRepresentativenessMin + (kRepresentativenessMax - kRepresentativenessMin) *
                                               uniformAt(seed, 6101, static_cast<std::uint64_t>(s))
                : 0.0;
        const double phi = std::exp(-1.0 / kRepresentativenessMemory_h);
        double representativeness =
            representativenessStd * normalAt(seed, 6102, static_cast<std::uint64_t>(s));
        for (int k = 0; k < hours; ++k) {
            if (ctx.config.realisticErrors)
                representativeness = phi * representativeness +
                                     std::sqrt(1.0 - phi * phi) * representativenessStd *
                                         normalAt(seed, 6103, static_cast<std::uint64_t>(s),
                                                  static_cast<std::uint64_t>(k));
            if (missing[static_cast<std::size_t>(k)] || rng.uniform() < 0.004) {
                ++gapHours;
                continue;
            }
            const TimePoint t = ctx.timeOf(k);
            const std::size_t i = static_cast<std::size_t>(k) * ns + static_cast<std::size_t>(s);
            const double truth = ctx.run.stationTheta[i];
            const double ts = ctx.run.stationSoilTemperature[i];
            double v = st.sensorBias + st.sensorGain * truth + representativeness +
                       st.sensorNoise * rng.normal();
            std::uint32_t flags = 0;
            if (rng.uniform() < 0.0015) {
                v += (rng.uniform() < 0.7 ? 1.0 : -1.0) * (0.08 + 0.15 * rng.uniform());
                flags |= series::flag::D(6);
                ++spikes;
            }
            v = std::round(std::max(v, -0.02) * 1e4) / 1e4;
            if (v < 0.0)
                flags |= series::flag::C(1);
            else if (v > 0.6)
                flags |= series::flag::C(2);
            else if (v > st.site.porosity + 0.05)
                flags |= series::flag::C(3);
            if (ts < 0.0)
                flags |= series::flag::D(1);
            if (flags == 0)
                flags = series::flag::G;
            smSensor.series.push(t, v, flags);
            smSensor.providerFlags.push("M");
            const double tsObs = std::round((ts + 0.2 * rng.normal()) * 100.0) / 100.0;
            tsSensor.series.push(t, tsObs, series::flag::G);
            tsSensor.providerFlags.push("M");
        }
        const std::string folder = st.network + "/" + st.name + "/";
        if (folders.insert(st.network + "/").second)
            zip.addFolder(st.network + "/");
        zip.addFolder(folder);
        zip.addFile(folder + stations::headerValuesFileName(smSensor, station),
                    stations::formatHeaderValues(smSensor, station));
        zip.addFile(folder + stations::headerValuesFileName(tsSensor, station),
                    stations::formatHeaderValues(tsSensor, station));
        zip.addFile(folder + st.network + "_" + st.network + "_" + st.name +
                        "_static_variables.csv",
                    staticVariablesCsv(st));
        char line[512];
        std::snprintf(
            line, sizeof line,
            "%s,%s,%.5f,%.5f,%.1f,%d,%.2f,%.2f,%.4f,%.4f,%d,%d,%.5f,%.5f,%.5f,%.5f,%zu,%d,%d\n",
            st.network.c_str(), st.name.c_str(), st.lon, st.lat, st.site.elevation_m,
            st.site.landCover, st.site.sand_pct, st.site.clay_pct, st.site.porosity,
            st.site.residual, st.cellCol, st.cellRow, st.sensorBias, st.sensorGain, st.sensorNoise,
            representativenessStd, smSensor.series.size(), gapHours, spikes);
        truthCsv += line;
        stationsJson.push_back({{"network", st.network},
                                {"station", st.name},
                                {"lon", st.lon},
                                {"lat", st.lat},
                                {"observations", smSensor.series.size()},
                                {"cell", {st.cellCol, st.cellRow}}});
        ctx.checkCanceled();
    }
    const std::string rel = "stations/ismn_twin_" + yyyymmdd(ctx.config.start) + "_" +
                            yyyymmdd(ctx.timeOf(hours - 1)) + ".zip";
    zip.write(ctx.output(rel));
    ManifestFile f;
    f.path = rel;
    f.format = "ismn-header-values-zip";
    f.role = "stations";
    f.description = "ISMN header_values archive: " + std::to_string(ns) +
                    " stations in 4 networks, soil moisture and soil temperature at 0.05 m, hourly";
    f.variables = {{"soil_moisture", "m3 m-3", "0.05-0.05 m, flags G/C/D", 0},
                   {"soil_temperature", "degC", "0.05-0.05 m", 0}};
    f.firstTime = ctx.config.start;
    f.lastTime = ctx.timeOf(hours - 1);
    f.timeCount = static_cast<std::size_t>(hours);
    f.timeStep = "1h";
    f.extra["stations"] = stationsJson;
    f.extra["networks"] = {"SYNFINE", "SYNMIDI", "SYNAGRI", "SYNHILL"};
    ctx.manifest.addFile(f);
    writeTextAtomically(ctx.output("truth/stations.csv"), truthCsv);
    writeTextAtomically(ctx.output("truth/stations_sm_hourly.csv"), pointTruthCsv(ctx));
    ManifestFile t;
    t.path = "truth/stations.csv";
    t.format = "csv";
    t.role = "truth-stations";
    t.description = "Station sites with their soil, sensor error parameters and counts";
    t.truth = true;
    ctx.manifest.addFile(t);
    ManifestFile pt;
    pt.path = "truth/stations_sm_hourly.csv";
    pt.format = "csv";
    pt.role = "truth-stations-sm";
    pt.description = "Point truth 0-5 cm soil moisture at every station, hourly (before sensor "
                     "errors), one column per network/station";
    pt.variables = {{"sm", "m3 m-3", "point truth", 0}};
    pt.firstTime = ctx.config.start;
    pt.lastTime = ctx.timeOf(hours - 1);
    pt.timeCount = static_cast<std::size_t>(hours);
    pt.timeStep = "1h";
    pt.truth = true;
    ctx.manifest.addFile(pt);
}

} // namespace soilscope::demo
