#include "features/predictor_spec.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "features/json_reader.h"
#include "features/spectral_index.h"
#include "features/temporal.h"
#include "features/transform_registry.h"

#include <cmath>
#include <set>

namespace soilscope::features {

namespace {
const std::vector<std::string> kKinds = {"band",     "index",      "terrain",  "calendar",
                                         "location", "antecedent", "dry_days", "incidence",
                                         "wcm_soil", "constant",   "swi"};

bool needsRole(const std::string& kind) {
    return kind != "calendar" && kind != "location" && kind != "constant";
}

std::string formatSeconds(std::chrono::seconds s) {
    const auto n = s.count();
    if (n % 86400 == 0)
        return std::to_string(n / 86400) + "d";
    if (n % 3600 == 0)
        return std::to_string(n / 3600) + "h";
    return std::to_string(n) + "s";
}

TransformStep parseStep(const nlohmann::json& j, const std::string& path) {
    JsonReader r(j, path);
    r.allowOnly({"op", "factor", "offset", "min", "max", "coefficients", "parameters"});
    TransformStep s;
    s.op = r.string("op");
    if (const PluginTransform* plugin = findTransform(s.op)) {
        const nlohmann::json params = j.value("parameters", nlohmann::json::object());
        if (!params.is_object())
            r.fail("parameters", "must be an object of numbers");
        for (const auto& name : plugin->parameters) {
            if (!params.contains(name) || !params[name].is_number())
                r.fail("parameters",
                       "the transform '" + s.op + "' needs the number '" + name + "'");
            s.parameters[name] = params[name].get<double>();
        }
        for (const auto& [name, value] : params.items())
            if (!s.parameters.count(name))
                r.fail("parameters", "the transform '" + s.op + "' takes no '" + name + "'");
        return s;
    }
    if (!isBuiltInTransform(s.op)) {
        std::string added;
        for (const auto& name : registeredTransforms())
            added += ", " + name;
        r.fail("op", "unknown transform '" + s.op +
                         "' (known: db_to_linear, linear_to_db, scale, clip, sin_deg, cos_deg, "
                         "log10, abs, polynomial" +
                         added + ")");
    }
    if (s.op == "polynomial") {
        s.coefficients = r.numbers("coefficients");
        if (s.coefficients.empty())
            r.fail("coefficients", "a polynomial needs at least one coefficient");
    }
    s.factor = r.number("factor", 1.0);
    s.offset = r.number("offset", 0.0);
    if (s.op == "clip") {
        s.lo = r.number("min");
        s.hi = r.number("max");
        if (!(s.hi >= s.lo))
            r.fail("max", "must not be below min");
    }
    return s;
}
} // namespace

std::vector<std::string> PredictorSpec::roles() const {
    std::vector<std::string> out;
    if (needsRole(kind) && !role.empty())
        out.push_back(role);
    for (const auto& [spectral, layer] : bandLayers)
        out.push_back(layer);
    for (const auto* r : {&angleRole, &v1Role, &v2Role})
        if (!r->empty())
            out.push_back(*r);
    return out;
}

int PredictorSpec::halo() const {
    return kind == "terrain" && quantity != "elevation" ? 1 : 0;
}

bool PredictorSpec::dynamic() const {
    return kind != "terrain" && kind != "location" && kind != "constant";
}

nlohmann::json PredictorSpec::toJson() const {
    nlohmann::json j = {{"name", name}, {"kind", kind}};
    if (needsRole(kind) && !role.empty())
        j["role"] = role;
    if (kind == "band") {
        if (!bandName.empty())
            j["band_name"] = bandName;
        else
            j["band"] = band;
    }
    if (!sensor.empty())
        j["sensor"] = sensor;
    if (kind == "index") {
        j["index"] = index;
        if (!roleBands.empty())
            j["bands"] = roleBands;
        if (!bandLayers.empty())
            j["band_layers"] = bandLayers;
        if (reflectanceScale)
            j["reflectance_scale"] = *reflectanceScale;
        if (reflectanceOffset)
            j["reflectance_offset"] = *reflectanceOffset;
    }
    if (!quantity.empty())
        j["quantity"] = quantity;
    j["temporal"] = {{"method", temporal.method}, {"max_gap", formatSeconds(temporal.maxGap)}};
    if (kind == "antecedent") {
        j["days"] = days;
        j["include_current"] = includeCurrent;
        j["statistic"] = statistic;
        j["max_missing_days"] = maxMissingDays;
    }
    if (kind == "swi")
        j["t_days"] = tDays;
    if (kind == "dry_days") {
        j["threshold"] = threshold;
        j["include_current"] = includeCurrent;
    }
    if (kind == "incidence" || kind == "wcm_soil") {
        if (!angleRole.empty())
            j["angle_role"] = angleRole;
        if (angleDeg)
            j["angle_deg"] = *angleDeg;
    }
    if (kind == "incidence") {
        j["reference_angle_deg"] = referenceAngleDeg;
        j["method"] = incidenceMethod;
        j["parameter"] = incidenceParameter;
    }
    if (kind == "wcm_soil") {
        if (!v1Role.empty())
            j["v1_role"] = v1Role;
        else
            j["v1"] = v1;
        if (!v2Role.empty())
            j["v2_role"] = v2Role;
        else
            j["v2"] = v2;
        if (!vwcFromNdvi.empty())
            j["vwc_from_ndvi"] = vwcFromNdvi;
        j["A"] = wcm.A;
        j["B"] = wcm.B;
        j["C"] = wcm.C;
        j["D"] = wcm.D;
    }
    if (kind == "constant")
        j["value"] = value;
    if (!transforms.empty()) {
        nlohmann::json t = nlohmann::json::array();
        for (const auto& s : transforms) {
            nlohmann::json e = {{"op", s.op}};
            if (s.op == "scale") {
                e["factor"] = s.factor;
                e["offset"] = s.offset;
            }
            if (s.op == "clip") {
                e["min"] = s.lo;
                e["max"] = s.hi;
            }
            if (s.op == "polynomial")
                e["coefficients"] = s.coefficients;
            if (!s.parameters.empty())
                e["parameters"] = s.parameters;
            t.push_back(e);
        }
        j["transforms"] = t;
    }
    if (validRange)
        j["valid_range"] = {validRange->first, validRange->second};
    nlohmann::json n = {{"kind", normaliserKindName(normaliser)}};
    if (normaliser == NormaliserKind::FixedMinMax)
        n["bounds"] = {normaliserBounds.first, normaliserBounds.second};
    j["normaliser"] = n;
    if (categorical)
        j["categorical"] = true;
    return j;
}

PredictorSpec PredictorSpec::fromJson(const nlohmann::json& j, const std::string& path) {
    JsonReader r(j, path);
    r.allowOnly({"name",
                 "kind",
                 "role",
                 "band",
                 "band_name",
                 "sensor",
                 "bands",
                 "band_layers",
                 "index",
                 "reflectance_scale",
                 "reflectance_offset",
                 "quantity",
                 "temporal",
                 "days",
                 "include_current",
                 "statistic",
                 "max_missing_days",
                 "threshold",
                 "t_days",
                 "angle_role",
                 "angle_deg",
                 "reference_angle_deg",
                 "method",
                 "parameter",
                 "v1_role",
                 "v2_role",
                 "v1",
                 "v2",
                 "vwc_from_ndvi",
                 "A",
                 "B",
                 "C",
                 "D",
                 "value",
                 "transforms",
                 "valid_range",
                 "normaliser",
                 "categorical",
                 "description"});
    PredictorSpec s;
    s.name = r.string("name");
    if (s.name.empty())
        r.fail("name", "must not be empty");
    s.kind = r.string("kind", std::string("band"));
    if (std::find(kKinds.begin(), kKinds.end(), s.kind) == kKinds.end())
        r.fail("kind", "unknown predictor kind '" + s.kind +
                           "' (known: band, index, terrain, calendar, location, antecedent, "
                           "dry_days, incidence, wcm_soil, constant, swi)");
    // an index from one-band layers per spectral role needs no main role
    if (needsRole(s.kind) && !(s.kind == "index" && r.has("band_layers") && !r.has("role")))
        s.role = r.string("role");
    s.band = int(r.integer("band", 1));
    if (s.band < 1)
        r.fail("band", "band numbers start at 1");
    s.bandName = r.string("band_name", std::string());
    s.sensor = r.string("sensor", std::string());
    try {
        if (!s.sensor.empty())
            (void)sensorBandsPreset(s.sensor);
    } catch (const Error& e) {
        r.fail("sensor", e.message());
    }
    if (r.has("bands")) {
        const auto& b = r.value("bands");
        if (!b.is_object())
            r.fail("bands", "expected an object {\"nir\": \"B8A\", ...}");
        for (const auto& [k, v] : b.items()) {
            try {
                (void)parseBandRole(k);
            } catch (const Error& e) {
                r.fail("bands/" + k, e.message());
            }
            if (!v.is_string())
                r.fail("bands/" + k, "expected a band name");
            s.roleBands[k] = v.get<std::string>();
        }
    }
    if (r.has("band_layers")) {
        const auto& b = r.value("band_layers");
        if (!b.is_object())
            r.fail("band_layers", "expected an object {\"red\": \"s2_B04\", ...}");
        for (const auto& [k, v] : b.items()) {
            try {
                (void)parseBandRole(k);
            } catch (const Error& e) {
                r.fail("band_layers/" + k, e.message());
            }
            if (!v.is_string() || v.get<std::string>().empty())
                r.fail("band_layers/" + k, "expected a data role");
            s.bandLayers[k] = v.get<std::string>();
        }
    }
    if (s.kind == "index") {
        s.index = r.string("index");
        SpectralIndex index{};
        try {
            index = parseSpectralIndex(s.index);
        } catch (const Error& e) {
            r.fail("index", e.message());
        }
        if (s.role.empty())
            for (const BandRole needed : rolesOf(index))
                if (!s.bandLayers.count(bandRoleName(needed)))
                    r.fail("band_layers", s.index + " needs a layer for '" + bandRoleName(needed) +
                                              "' (or a main role)");
        if (s.sensor.empty())
            r.fail("sensor", "an index needs a sensor (landsat7 or sentinel2)");
    }
    s.reflectanceScale = r.optionalNumber("reflectance_scale");
    s.reflectanceOffset = r.optionalNumber("reflectance_offset");
    s.quantity = r.string("quantity", std::string());
    const std::map<std::string, std::set<std::string>> quantities = {
        {"terrain", {"slope", "aspect_sin", "aspect_cos", "elevation"}},
        {"calendar", {"doy_sin", "doy_cos", "year", "month"}},
        {"location", {"lon_sin", "lon_cos", "lon", "lat"}},
        {"wcm_soil", {"sigma_soil_db", "soil_moisture"}}};
    if (const auto q = quantities.find(s.kind); q != quantities.end()) {
        if (s.kind == "wcm_soil" && s.quantity.empty())
            s.quantity = "sigma_soil_db";
        if (!q->second.count(s.quantity)) {
            std::string list;
            for (const auto& k : q->second)
                list += (list.empty() ? "" : ", ") + k;
            r.fail("quantity",
                   "'" + s.quantity + "' is not a " + s.kind + " quantity (" + list + ")");
        }
    }
    if (r.has("temporal")) {
        JsonReader t(r.value("temporal"), r.at("temporal"));
        t.allowOnly({"method", "max_gap"});
        s.temporal.method = t.string("method", std::string("nearest"));
        if (s.temporal.method != "exact" && s.temporal.method != "nearest" &&
            s.temporal.method != "linear" && s.temporal.method != "spline")
            t.fail("method", "expected exact, nearest, linear or spline");
        if (t.has("max_gap")) {
            try {
                s.temporal.maxGap = parseDuration(t.string("max_gap"));
            } catch (const std::exception& e) {
                t.fail("max_gap", std::string("not a duration such as \"30d\": ") + e.what());
            }
        }
    }
    s.days = int(r.integer("days", 1));
    if (s.days < 1)
        r.fail("days", "must be at least 1");
    s.includeCurrent = r.boolean("include_current", true);
    s.statistic = r.string("statistic", std::string("sum"));
    if (s.statistic != "sum" && s.statistic != "mean" && s.statistic != "min" &&
        s.statistic != "max" && s.statistic != "std")
        r.fail("statistic", "expected sum, mean, min, max or std");
    s.maxMissingDays = int(r.integer("max_missing_days", 0));
    s.threshold = r.number("threshold", 0.1);
    s.tDays = r.number("t_days", 10.0);
    if (!(s.tDays > 0.0) || s.tDays > 3650.0)
        r.fail("t_days", "the SWI characteristic time must lie in (0, 3650] days");
    s.angleRole = r.string("angle_role", std::string());
    s.angleDeg = r.optionalNumber("angle_deg");
    if ((s.kind == "incidence" || s.kind == "wcm_soil") && s.angleRole.empty() && !s.angleDeg)
        r.fail("angle_role", "give an incidence-angle layer (angle_role) or a constant angle_deg");
    s.referenceAngleDeg = r.number("reference_angle_deg", 40.0);
    s.incidenceMethod = r.string("method", std::string("cosine"));
    if (s.kind == "incidence" && s.incidenceMethod != "cosine" && s.incidenceMethod != "linear")
        r.fail("method", "expected cosine or linear");
    s.incidenceParameter = r.number("parameter", s.incidenceMethod == "linear" ? 0.1 : 2.0);
    s.v1Role = r.string("v1_role", std::string());
    s.v2Role = r.string("v2_role", std::string());
    s.v1 = r.number("v1", 1.0);
    s.v2 = r.number("v2", 0.0);
    if (r.has("vwc_from_ndvi"))
        s.vwcFromNdvi = r.numbers("vwc_from_ndvi");
    s.wcm.A = r.number("A", 0.0);
    s.wcm.B = r.number("B", 0.084);
    s.wcm.C = r.number("C", 0.0);
    s.wcm.D = r.number("D", 1.0);
    if (s.kind == "wcm_soil" && s.quantity == "soil_moisture" && s.wcm.D == 0.0)
        r.fail("D", "must not be 0 when soil moisture is inverted");
    s.value = r.number("value", 0.0);
    if (r.has("transforms")) {
        const auto& t = r.value("transforms");
        if (!t.is_array())
            r.fail("transforms", "expected an array of steps");
        for (std::size_t i = 0; i < t.size(); ++i)
            s.transforms.push_back(parseStep(t[i], r.at("transforms") + "/" + std::to_string(i)));
    }
    if (r.has("valid_range")) {
        const auto v = r.numbers("valid_range");
        if (v.size() != 2 || !(v[1] >= v[0]))
            r.fail("valid_range", "expected [min, max] with min <= max");
        s.validRange = std::make_pair(v[0], v[1]);
    }
    if (r.has("normaliser")) {
        const auto& nj = r.value("normaliser");
        if (nj.is_string()) {
            try {
                s.normaliser = parseNormaliserKind(nj.get<std::string>());
            } catch (const Error& e) {
                r.fail("normaliser", e.message());
            }
        } else {
            JsonReader n(nj, r.at("normaliser"));
            n.allowOnly({"kind", "bounds"});
            try {
                s.normaliser = parseNormaliserKind(n.string("kind"));
            } catch (const Error& e) {
                if (e.message().rfind(n.at("kind"), 0) == 0)
                    throw;
                n.fail("kind", e.message());
            }
            if (n.has("bounds")) {
                const auto b = n.numbers("bounds");
                if (b.size() != 2 || !(b[1] > b[0]))
                    n.fail("bounds", "expected [lo, hi] with hi > lo");
                s.normaliserBounds = {b[0], b[1]};
            } else if (s.normaliser == NormaliserKind::FixedMinMax) {
                n.fail("bounds", "fixed_minmax needs bounds [lo, hi]");
            }
        }
    }
    s.categorical = r.boolean("categorical", false);
    return s;
}

std::vector<PredictorSpec> parsePredictors(const nlohmann::json& array, const std::string& path) {
    if (!array.is_array())
        throw Error(path + ": expected an array of predictors");
    std::vector<PredictorSpec> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < array.size(); ++i) {
        const std::string p = path + "/" + std::to_string(i);
        out.push_back(PredictorSpec::fromJson(array[i], p));
        if (!names.insert(out.back().name).second)
            throw Error(p + "/name: predictor name '" + out.back().name + "' is used twice");
    }
    return out;
}

nlohmann::json predictorsToJson(const std::vector<PredictorSpec>& predictors) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& p : predictors)
        a.push_back(p.toJson());
    return a;
}

void applyTransforms(const PredictorSpec& spec, float* values, std::size_t n) {
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    for (const TransformStep& s : spec.transforms) {
        for (std::size_t i = 0; i < n; ++i) {
            const double x = values[i];
            double y = x;
            if (s.op == "db_to_linear")
                y = dbToLinear(x);
            else if (s.op == "linear_to_db")
                y = linearToDb(x);
            else if (s.op == "scale")
                y = x * s.factor + s.offset;
            else if (s.op == "clip")
                y = (x >= s.lo && x <= s.hi) ? x : nan;
            else if (s.op == "sin_deg")
                y = std::sin(x * M_PI / 180.0);
            else if (s.op == "cos_deg")
                y = std::cos(x * M_PI / 180.0);
            else if (s.op == "log10")
                y = x > 0 ? std::log10(x) : nan;
            else if (s.op == "abs")
                y = std::abs(x);
            else if (s.op == "polynomial")
                y = polynomial(x, s.coefficients);
            else if (const PluginTransform* plugin = findTransform(s.op))
                y = std::isfinite(x) ? plugin->apply(x, s.parameters) : nan;
            values[i] = std::isfinite(y) ? float(y) : nan;
        }
    }
    if (spec.validRange)
        for (std::size_t i = 0; i < n; ++i)
            if (!(values[i] >= spec.validRange->first && values[i] <= spec.validRange->second))
                values[i] = nan;
}

Normaliser normaliserFor(const std::vector<PredictorSpec>& predictors) {
    std::vector<NormaliserKind> kinds;
    std::vector<std::pair<double, double>> bounds;
    for (const auto& p : predictors) {
        kinds.push_back(p.normaliser);
        bounds.push_back(p.normaliserBounds);
    }
    return Normaliser(kinds, bounds);
}

} // namespace soilscope::features
