#include "project/project_file.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "base/time_utils.h"
#include "base/utf8.h"
#include "features/json_reader.h"

#include <set>

namespace soilscope::project {

namespace fs = std::filesystem;
using features::JsonReader;

namespace {
fs::path resolve(const fs::path& base, const std::string& p) {
    const fs::path path(p);
    return path.is_absolute() ? path : (base / path).lexically_normal();
}

std::string relativeTo(const fs::path& base, const fs::path& p) {
    if (base.empty() || !p.is_absolute())
        return p.generic_string();
    const fs::path rel = p.lexically_relative(base);
    if (rel.empty() || *rel.begin() == "..")
        return p.generic_string();
    return rel.generic_string();
}

std::set<int> intSet(const JsonReader& r, const std::string& key) {
    std::set<int> out;
    if (!r.has(key))
        return out;
    for (const double v : r.numbers(key))
        out.insert(int(v));
    return out;
}

void checkIsoDate(const JsonReader& r, const std::string& key, const std::string& text) {
    if (!text.empty() && !parseIsoTime(text))
        r.fail(key, "'" + text + "' is not an ISO date");
}

/// How a layer is read: kind, variable or band, units, resampling, accumulation, gridding.
nlohmann::json preparationToJson(const DataLayer& l) {
    nlohmann::json e{{"kind", l.kind}};
    if (!l.variable.empty())
        e["variable"] = l.variable;
    if (l.band > 0)
        e["band"] = l.band;
    if (!l.units.empty())
        e["units"] = l.units;
    if (!l.resample.empty())
        e["resample"] = l.resample;
    if (!l.accumulation.empty())
        e["accumulation"] = l.accumulation;
    if (l.gridding)
        e["gridding"] = l.gridding->toJson();
    return e;
}

DataLayer parseLayer(const std::string& role, const nlohmann::json& j, const std::string& path,
                     const fs::path& base) {
    DataLayer l;
    l.role = role;
    if (j.is_string()) {
        l.path = resolve(base, j.get<std::string>());
        return l;
    }
    JsonReader r(j, path);
    if (!r.has("path")) { // model constants written beside the data (e.g. WCM parameters)
        l.kind = "parameters";
        l.parameters = j;
        return l;
    }
    // Other writers (the twin generator, newer versions) may add keys: kept, not interpreted.
    static const std::set<std::string> known = {
        "path",        "variable", "kind",     "band",         "units",   "sensor",
        "description", "pointer",  "resample", "accumulation", "gridding"};
    for (const auto& [key, value] : j.items())
        if (!known.count(key))
            l.extra[key] = value;
    l.path = resolve(base, r.string("path"));
    l.pointer = r.string("pointer", std::string());
    if (!l.pointer.empty()) { // a parameter set inside a JSON file (e.g. twin.json)
        if (l.pointer.front() != '/')
            r.fail("pointer", "a JSON pointer starts with '/'");
        l.kind = "parameters";
        l.parameters = j;
        return l;
    }
    l.variable = r.string("variable", std::string());
    l.kind = r.string("kind", std::string("auto"));
    if (l.kind != "auto" && l.kind != "raster" && l.kind != "series" && l.kind != "stations")
        r.fail("kind", "expected auto, raster, series or stations");
    const std::string ext = l.path.extension().string();
    if (l.kind == "auto" && (ext == ".zip" || ext == ".stm"))
        l.kind = "stations";
    l.band = int(r.integer("band", 0));
    l.resample = r.string("resample", std::string());
    if (!l.resample.empty() && l.resample != "nearest" && l.resample != "bilinear" &&
        l.resample != "average" && l.resample != "aggregate")
        r.fail("resample", "expected nearest, bilinear, average or aggregate");
    if (l.band < 0 || (r.has("band") && l.band == 0))
        r.fail("band", "band numbers start at 1 (leave \"band\" out for the first band or a "
                       "variable)");
    l.accumulation = r.string("accumulation", std::string());
    if (l.accumulation == "none")
        l.accumulation.clear();
    if (!l.accumulation.empty() && l.accumulation != "since_00utc")
        r.fail("accumulation", "expected none or since_00utc");
    if (r.has("gridding"))
        l.gridding = features::LayerGridding::fromJson(r.value("gridding"), r.at("gridding"));
    l.units = r.string("units", std::string());
    l.sensor = r.string("sensor", std::string());
    l.description = r.string("description", std::string());
    return l;
}
} // namespace

const DataLayer& ProjectFile::layer(const std::string& role) const {
    const auto it = data.find(role);
    if (it == data.end())
        throw Error("the project has no data layer with the role '" + role + "'", file.string());
    return it->second;
}

nlohmann::json migrateProject(nlohmann::json j, const std::string& context) {
    if (!j.is_object())
        throw Error("/: a project file must be a JSON object", context);
    if (j.contains("format") && j["format"] != "soilscope-project")
        throw Error("/format: not a SoilScope project (expected \"soilscope-project\")", context);
    int version = 0;
    if (j.contains("version")) {
        if (!j["version"].is_number_integer())
            throw Error("/version: expected an integer", context);
        version = j["version"].get<int>();
    }
    if (version > kProjectFormatVersion)
        throw Error("/version: version " + std::to_string(version) +
                        " was written by a newer SoilScope (this one reads up to " +
                        std::to_string(kProjectFormatVersion) + ")",
                    context);
    if (version < 0)
        throw Error("/version: must not be negative", context);
    if (version == 0) {
        // Version 0 (drafts before the format was versioned): "inputs" and "features" were
        // the names of "data" and "predictors"; "architecture" held the model.
        if (j.contains("inputs") && !j.contains("data"))
            j["data"] = j["inputs"];
        if (j.contains("features") && !j.contains("predictors"))
            j["predictors"] = j["features"];
        if (j.contains("architecture") && !j.contains("model"))
            j["model"] = j["architecture"];
        j.erase("inputs");
        j.erase("features");
        j.erase("architecture");
        j["format"] = "soilscope-project";
        j["version"] = 1;
    }
    return j;
}

ProjectFile parseProject(const nlohmann::json& input, const fs::path& file) {
    const std::string ctx = file.string();
    try {
        const nlohmann::json j = migrateProject(input, ctx);
        const fs::path base = file.empty() ? fs::current_path() : fs::absolute(file).parent_path();
        JsonReader r(j, "");
        r.allowOnly({"format", "version", "name", "workload", "description", "data", "predictors",
                     "target", "samples", "mask", "split", "model", "training", "outputs"});
        ProjectFile p;
        p.file = file;
        p.name = r.string("name");
        p.workload = r.string("workload", std::string());
        p.description = r.string("description", std::string());
        const auto& data = r.value("data");
        if (!data.is_object() || data.empty())
            r.fail("data", "expected an object of role: layer");
        for (const auto& [role, layer] : data.items())
            p.data[role] = parseLayer(role, layer, "/data/" + role, base);
        if (r.has("predictors"))
            p.predictors = features::parsePredictors(r.value("predictors"), "/predictors");
        for (std::size_t i = 0; i < p.predictors.size(); ++i)
            for (const auto& role : p.predictors[i].roles())
                if (!p.data.count(role))
                    throw Error("/predictors/" + std::to_string(i) + ": role '" + role +
                                "' is not a key of /data");

        if (r.has("target")) {
            JsonReader t(r.value("target"), "/target");
            t.allowOnly({"role", "kind", "variable", "valid_range", "window", "depth_max"});
            p.target.role = t.string("role");
            if (!p.data.count(p.target.role))
                t.fail("role", "'" + p.target.role + "' is not a key of /data");
            p.target.kind = t.string("kind", std::string("grid"));
            if (p.target.kind != "grid" && p.target.kind != "stations")
                t.fail("kind", "expected grid or stations");
            p.target.variable = t.string("variable", std::string("soil_moisture"));
            if (t.has("valid_range")) {
                const auto v = t.numbers("valid_range");
                if (v.size() != 2 || !(v[1] >= v[0]))
                    t.fail("valid_range", "expected [min, max]");
                p.target.validRange = std::make_pair(v[0], v[1]);
            }
            p.target.window = t.string("window", std::string("12h"));
            try {
                (void)parseDuration(p.target.window);
            } catch (const std::exception&) {
                t.fail("window", "'" + p.target.window + "' is not a duration such as \"1h\"");
            }
            p.target.depthMax = t.number("depth_max", 0.1);
        }

        if (r.has("samples")) {
            JsonReader s(r.value("samples"), "/samples");
            s.allowOnly({"layout", "from", "to", "patch", "sequence_length", "stride",
                         "max_samples", "dates_from"});
            p.samples.datesFrom = s.string("dates_from", std::string());
            if (!p.samples.datesFrom.empty() && !p.data.count(p.samples.datesFrom))
                s.fail("dates_from", "'" + p.samples.datesFrom + "' is not a key of /data");
            p.samples.layout = s.string("layout", std::string("tabular"));
            if (p.samples.layout != "tabular" && p.samples.layout != "image" &&
                p.samples.layout != "sequence")
                s.fail("layout", "expected tabular, image or sequence");
            p.samples.from = s.string("from", std::string());
            p.samples.to = s.string("to", std::string());
            checkIsoDate(s, "from", p.samples.from);
            checkIsoDate(s, "to", p.samples.to);
            p.samples.patch = int(s.integer("patch", 0));
            if (p.samples.patch < 0 || (p.samples.patch > 0 && p.samples.patch % 2 == 0))
                s.fail("patch", "must be 0 (whole image) or an odd number of pixels");
            p.samples.sequenceLength = int(s.integer("sequence_length", 0));
            if (p.samples.sequenceLength < 0)
                s.fail("sequence_length", "must not be negative");
            p.samples.stride = int(s.integer("stride", 1));
            if (p.samples.stride < 1)
                s.fail("stride", "must be at least 1");
            const long long ms = s.integer("max_samples", 0);
            if (ms < 0)
                s.fail("max_samples", "must not be negative");
            p.samples.maxSamples = std::size_t(ms);
        }
        if (r.has("mask")) {
            p.mask = parseMaskSpec(r.value("mask"), "/mask");
            JsonReader m(r.value("mask"), "/mask");
            if (!p.mask.landCoverRole.empty() && !p.data.count(p.mask.landCoverRole))
                JsonReader(m.value("land_cover"), m.at("land_cover"))
                    .fail("role", "not a key of /data");
            for (std::size_t i = 0; i < p.mask.ranges.size(); ++i) {
                bool known = false;
                for (const auto& pr : p.predictors)
                    known = known || pr.name == p.mask.ranges[i].predictor;
                if (!known)
                    JsonReader(m.value("ranges")[i], "/mask/ranges/" + std::to_string(i))
                        .fail("predictor",
                              "'" + p.mask.ranges[i].predictor + "' is not a predictor name");
            }
            if (!p.mask.qualityRole.empty() && !p.data.count(p.mask.qualityRole))
                JsonReader(m.value("quality"), m.at("quality")).fail("role", "not a key of /data");
        }
        if (r.has("split")) {
            p.split = r.value("split");
            if (!p.split.is_object())
                r.fail("split", "expected an object");
        }
        if (r.has("model")) {
            p.model = r.value("model");
            if (!p.model.is_object() || !p.model.contains("family") ||
                !p.model["family"].is_string())
                r.fail("model", "expected {\"family\": \"mlp\", \"params\": {...}}");
        }
        if (r.has("training")) {
            p.training = r.value("training");
            if (!p.training.is_object())
                r.fail("training", "expected an object");
        }
        p.outputs.folder = base / "runs";
        if (r.has("outputs")) {
            JsonReader o(r.value("outputs"), "/outputs");
            o.allowOnly({"folder", "maps", "tile_size"});
            p.outputs.folder = resolve(base, o.string("folder", std::string("runs")));
            if (o.has("maps")) {
                p.outputs.mapDates = o.strings("maps");
                for (std::size_t i = 0; i < p.outputs.mapDates.size(); ++i)
                    checkIsoDate(o, "maps/" + std::to_string(i), p.outputs.mapDates[i]);
            }
            p.outputs.tileSize = int(o.integer("tile_size", 512));
            if (p.outputs.tileSize < 16)
                o.fail("tile_size", "must be at least 16");
        }
        return p;
    } catch (const Error& e) {
        if (e.context() == ctx)
            throw;
        throw Error(e.message(), ctx);
    }
}

ProjectFile loadProject(const fs::path& file) {
    const std::string text = readTextFile(file);
    const nlohmann::json j = parseJsonText(text, file.string());
    return parseProject(j, fs::absolute(file));
}

nlohmann::json ProjectFile::toJson(const fs::path& base) const {
    nlohmann::json j = {
        {"format", "soilscope-project"}, {"version", kProjectFormatVersion}, {"name", name}};
    if (!workload.empty())
        j["workload"] = workload;
    if (!description.empty())
        j["description"] = description;
    nlohmann::json d = nlohmann::json::object();
    for (const auto& [role, l] : data) {
        if (l.kind == "parameters") {
            nlohmann::json e = l.parameters;
            if (!l.pointer.empty())
                e["path"] = relativeTo(base, l.path);
            d[role] = e;
            continue;
        }
        nlohmann::json e = preparationToJson(l);
        e["path"] = relativeTo(base, l.path);
        if (!l.sensor.empty())
            e["sensor"] = l.sensor;
        if (!l.description.empty())
            e["description"] = l.description;
        for (const auto& [key, value] : l.extra.items())
            e[key] = value;
        d[role] = e;
    }
    j["data"] = d;
    j["predictors"] = features::predictorsToJson(predictors);
    if (!target.role.empty()) {
        nlohmann::json t = {
            {"role", target.role}, {"kind", target.kind}, {"window", target.window}};
        if (target.kind == "stations") {
            t["variable"] = target.variable;
            t["depth_max"] = target.depthMax;
        }
        if (target.validRange)
            t["valid_range"] = {target.validRange->first, target.validRange->second};
        j["target"] = t;
    }
    nlohmann::json s = {{"layout", samples.layout}};
    if (!samples.from.empty())
        s["from"] = samples.from;
    if (!samples.to.empty())
        s["to"] = samples.to;
    if (samples.patch)
        s["patch"] = samples.patch;
    if (samples.sequenceLength)
        s["sequence_length"] = samples.sequenceLength;
    if (samples.stride != 1)
        s["stride"] = samples.stride;
    if (samples.maxSamples)
        s["max_samples"] = samples.maxSamples;
    if (!samples.datesFrom.empty())
        s["dates_from"] = samples.datesFrom;
    j["samples"] = s;
    const nlohmann::json m = maskToJson(mask);
    if (!m.empty())
        j["mask"] = m;
    if (!split.empty())
        j["split"] = split;
    if (!model.empty())
        j["model"] = model;
    if (!training.empty())
        j["training"] = training;
    nlohmann::json o = {{"folder", relativeTo(base, outputs.folder)},
                        {"tile_size", outputs.tileSize}};
    if (!outputs.mapDates.empty())
        o["maps"] = outputs.mapDates;
    j["outputs"] = o;
    return j;
}

void saveProject(const ProjectFile& project, const fs::path& file) {
    const fs::path base = fs::absolute(file).parent_path();
    writeTextAtomically(file, dumpJson(project.toJson(base), 2) + "\n");
}

MaskSpec parseMaskSpec(const nlohmann::json& json, const std::string& path) {
    MaskSpec mask;
    JsonReader m(json, path);
    m.allowOnly({"land_cover", "ranges", "quality"});
    if (m.has("land_cover")) {
        JsonReader lc(m.value("land_cover"), m.at("land_cover"));
        lc.allowOnly({"role", "keep", "exclude"});
        mask.landCoverRole = lc.string("role");
        mask.landCoverKeep = intSet(lc, "keep");
        mask.landCoverExclude = intSet(lc, "exclude");
    }
    if (m.has("ranges")) {
        const auto& a = m.value("ranges");
        if (!a.is_array())
            m.fail("ranges", "expected an array");
        for (std::size_t i = 0; i < a.size(); ++i) {
            JsonReader e(a[i], m.at("ranges") + "/" + std::to_string(i));
            e.allowOnly({"predictor", "min", "max"});
            mask.ranges.push_back({e.string("predictor"), e.number("min"), e.number("max")});
        }
    }
    if (m.has("quality")) {
        JsonReader q(m.value("quality"), m.at("quality"));
        q.allowOnly({"role", "accepted"});
        mask.qualityRole = q.string("role");
        mask.qualityAccepted = std::uint32_t(q.integer("accepted", 0));
    }
    return mask;
}

std::vector<std::string> MaskSpec::roles() const {
    std::vector<std::string> out;
    if (!landCoverRole.empty())
        out.push_back(landCoverRole);
    if (!qualityRole.empty())
        out.push_back(qualityRole);
    return out;
}

nlohmann::json inputPreparationToJson(const ProjectFile& project) {
    std::set<std::string> roles;
    for (const auto& predictor : project.predictors)
        for (const auto& role : predictor.roles())
            roles.insert(role);
    for (const auto& role : {project.mask.landCoverRole, project.mask.qualityRole})
        if (!role.empty())
            roles.insert(role);
    nlohmann::json out = nlohmann::json::object();
    for (const auto& role : roles) {
        const auto it = project.data.find(role);
        if (it == project.data.end())
            continue;
        out[role] = preparationToJson(it->second);
    }
    return out;
}

nlohmann::json maskToJson(const MaskSpec& mask) {
    nlohmann::json m = nlohmann::json::object();
    if (!mask.landCoverRole.empty()) {
        m["land_cover"] = {{"role", mask.landCoverRole}};
        if (!mask.landCoverKeep.empty())
            m["land_cover"]["keep"] = mask.landCoverKeep;
        if (!mask.landCoverExclude.empty())
            m["land_cover"]["exclude"] = mask.landCoverExclude;
    }
    for (const auto& r : mask.ranges)
        m["ranges"].push_back({{"predictor", r.predictor}, {"min", r.lo}, {"max", r.hi}});
    if (!mask.qualityRole.empty())
        m["quality"] = {{"role", mask.qualityRole}, {"accepted", mask.qualityAccepted}};
    return m;
}

} // namespace soilscope::project
