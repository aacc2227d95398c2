// An example SoilScope plugin a hydrologist would use: the Soil Water Index (root-zone proxy) of
// any series SoilScope reads — an ISMN station, a CSV column, an ASCAT grid point, a CCI image
// folder or a raster series at a point — for several characteristic times, as a CSV table; and a
// predictor transform, volumetric soil moisture as degree of saturation.
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/parameter_spec.h"
#include "learning_tasks/plugin_api.h"
#include "series/exponential_filter.h"
#include "tasks/series_sources.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace {

using namespace soilscope;

class SoilWaterIndexTask : public tasks::Task {
  public:
    tasks::TaskInfo info() const override {
        return {"swi-series",
                "Soil Water Index of a series (plugin)",
                "Reads a surface soil moisture series (any source SoilScope reads) and writes its "
                "Soil Water Index — the exponential filter of Wagner et al. (1999), recursive form "
                "— for each characteristic time T, as a CSV of time, the input and one column per "
                "T. Added by the example plugin 'swi'.",
                "Plugins",
                {"swi-series --input ismn.zip --input-station Narbonne --t-days 5,10,20 --out "
                 "swi.csv"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto p = tasks::sourceParams("input", "input series");
        p.push_back(doubleParam("max-distance",
                                "product: farthest grid point accepted from the point (km)", 25.0,
                                0.0, 20040.0));
        p.push_back(listParam("t-days", "characteristic times T (days)", "5,10,20,40"));
        p.push_back(outputParam("out", "CSV to write"));
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"table", OutputKind::Table, "time, input and the SWI for every T", "out"}};
    }

    void validate(const ParameterValues& v) const override {
        for (const auto& t : v.list("t-days")) {
            char* end = nullptr;
            const double days = std::strtod(t.c_str(), &end);
            if (t.empty() || *end != '\0' || !(days > 0))
                throw UsageError("--t-days: '" + t + "' is not a positive number of days",
                                 "--t-days");
        }
    }

    tasks::TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        auto spec = tasks::sourceSpec(v, "input");
        const auto loaded = tasks::loadSeries(spec, feedback);
        const auto& input = loaded.series;
        std::vector<std::pair<std::string, series::TimeSeries>> swi;
        for (const auto& t : v.list("t-days"))
            swi.emplace_back(t, series::exponentialFilter(input, std::stod(t)));
        std::string csv = "time,input";
        for (const auto& [t, s] : swi)
            csv += ",swi_t" + t;
        csv += "\n";
        char number[32];
        for (std::size_t i = 0; i < input.size(); ++i) {
            feedback.throwIfCanceled();
            csv += formatIsoTime(input.times[i]);
            for (const double x : {input.values[i]}) {
                std::snprintf(number, sizeof number, ",%.6g", x);
                csv += std::isfinite(x) ? number : ",";
            }
            for (const auto& [t, s] : swi) {
                std::snprintf(number, sizeof number, ",%.6g", s.values[i]);
                csv += std::isfinite(s.values[i]) ? number : ",";
            }
            csv += "\n";
        }
        writeTextAtomically(v.path("out"), csv);
        tasks::TaskResult r;
        r.json["observations"] = input.size();
        r.json["units"] = input.units;
        r.json["source"] = loaded.description;
        r.json["out"] = v.text("out");
        r.summary = std::to_string(input.size()) + " observations of " + loaded.description +
                    " -> " + v.text("out");
        r.outputs.push_back(declaredOutput(outputs(), "table", v.text("out")));
        return r;
    }
};

} // namespace

SOILSCOPE_PLUGIN("swi", "1.1",
                 "Soil Water Index of any series, and the degree of saturation as a predictor "
                 "transform (example plugin)") {
    registrar.addTask("swi-series", [] { return std::make_unique<SoilWaterIndexTask>(); });
    // Volumetric soil moisture (m³ m⁻³) as a degree of saturation in percent θ / φ · 100, the
    // unit of ASCAT-like products: {"op": "saturation_degree", "parameters": {"porosity": 0.45}}.
    registrar.addTransform("saturation_degree",
                           {"volumetric soil moisture as degree of saturation (%) for a porosity",
                            {"porosity"},
                            [](double theta, const std::map<std::string, double>& p) {
                                const double porosity = p.at("porosity");
                                return porosity > 0 ? 100.0 * theta / porosity : std::nan("");
                            }});
}
