// Example plugin: ridge regression as a model family, the linear baseline a learned model has
// to beat ("model": {"family": "ridge", "params": {"alpha": 0.1}}). It fits every target on the
// trainer's standardised predictors by least squares with an L2 penalty alpha on the slopes,
// (XcᵀXc / n + alpha I) β = Xcᵀyc / n on centred data, the intercept from the means, through
// the engine's own linear solver.
#include "base/atomic_file.h"
#include "base/error.h"
#include "kernels/linear_solve.h"
#include "learning_tasks/plugin_api.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace {

using soilscope::Error;
using soilscope::models::ModelMember;
using soilscope::models::ModelParameter;
using soilscope::models::ModelParameterType;
using soilscope::models::TabularData;

class RidgeMember : public ModelMember {
  public:
    RidgeMember(std::size_t features, std::size_t targets, std::vector<double> coefficients)
        : m_features(features), m_targets(targets), m_coef(std::move(coefficients)) {}

    std::string kind() const override { return "ridge"; }
    std::string fileExtension() const override { return ".json"; }
    std::int64_t parameterCount() const override { return std::int64_t(m_coef.size()); }

    /// Per target: intercept, then one slope per feature. A sample with a missing predictor
    /// has no prediction (NaN).
    std::vector<float> predict(const float* x, std::size_t n) const override {
        std::vector<float> out(n * m_targets);
        const std::size_t k = m_features + 1;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t t = 0; t < m_targets; ++t) {
                double v = m_coef[t * k];
                for (std::size_t f = 0; f < m_features; ++f)
                    v += m_coef[t * k + 1 + f] * double(x[i * m_features + f]);
                out[i * m_targets + t] = float(v);
            }
        return out;
    }

    void save(const std::filesystem::path& file) const override {
        const nlohmann::json j{
            {"features", m_features}, {"targets", m_targets}, {"coefficients", m_coef}};
        soilscope::writeTextAtomically(file, j.dump() + "\n");
    }

    static std::shared_ptr<ModelMember> load(std::size_t features, std::size_t targets,
                                             const std::filesystem::path& file) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        const auto j = nlohmann::json::parse(text.str(), nullptr, false);
        if (!in || j.is_discarded() || !j.contains("coefficients"))
            throw Error("not a ridge model (JSON with coefficients)", file.string());
        if (j.value("features", 0u) != features || j.value("targets", 0u) != targets)
            throw Error("the ridge model was fitted on " + j["features"].dump() +
                            " predictors and " + j["targets"].dump() + " targets, the bundle has " +
                            std::to_string(features) + " and " + std::to_string(targets),
                        file.string());
        auto coef = j["coefficients"].get<std::vector<double>>();
        if (coef.size() != targets * (features + 1))
            throw Error("the ridge model has " + std::to_string(coef.size()) +
                            " coefficients, expected " + std::to_string(targets * (features + 1)),
                        file.string());
        return std::make_shared<RidgeMember>(features, targets, std::move(coef));
    }

  private:
    std::size_t m_features, m_targets;
    std::vector<double> m_coef;
};

std::shared_ptr<ModelMember> fitRidge(const nlohmann::json& params, const TabularData& d,
                                      std::uint64_t) {
    const double alpha = params.value("alpha", 1.0);
    const std::size_t p = d.features;
    // Rows with a missing predictor are left out of the fit.
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < d.n; ++i) {
        bool finite = true;
        for (std::size_t f = 0; f < p && finite; ++f)
            finite = std::isfinite(d.x[i * p + f]);
        if (finite)
            rows.push_back(i);
    }
    if (rows.size() < 2)
        throw Error("ridge needs at least 2 training rows with every predictor, found " +
                        std::to_string(rows.size()),
                    "training ridge");
    const double n = double(rows.size());
    std::vector<double> coef;
    for (std::size_t t = 0; t < d.targets; ++t) {
        std::vector<double> mx(p, 0.0), xtx(p * p, 0.0), xty(p, 0.0), beta;
        double my = 0.0;
        for (const auto i : rows) {
            my += d.y[i * d.targets + t];
            for (std::size_t f = 0; f < p; ++f)
                mx[f] += d.x[i * p + f];
        }
        my /= n;
        for (double& m : mx)
            m /= n;
        for (const auto i : rows) {
            const double yc = d.y[i * d.targets + t] - my;
            for (std::size_t a = 0; a < p; ++a) {
                const double xa = d.x[i * p + a] - mx[a];
                xty[a] += xa * yc / n;
                for (std::size_t b = 0; b < p; ++b)
                    xtx[a * p + b] += xa * (d.x[i * p + b] - mx[b]) / n;
            }
        }
        for (std::size_t a = 0; a < p; ++a)
            xtx[a * p + a] += alpha;
        if (!soilscope::kernels::solveLinearSystem(xtx, xty, p, beta))
            throw Error("the predictors are collinear: give ridge a positive alpha",
                        "training ridge");
        double intercept = my;
        for (std::size_t a = 0; a < p; ++a)
            intercept -= beta[a] * mx[a];
        coef.push_back(intercept);
        coef.insert(coef.end(), beta.begin(), beta.end());
    }
    return std::make_shared<RidgeMember>(p, d.targets, std::move(coef));
}

} // namespace

SOILSCOPE_PLUGIN("linear-models", "1.0",
                 "Ridge regression as a model family: the linear baseline (example plugin)") {
    ModelParameter alpha;
    alpha.name = "alpha";
    alpha.type = ModelParameterType::Double;
    alpha.description =
        "L2 penalty on the slopes of the standardised predictors (0: least squares)";
    alpha.defaultValue = 1.0;
    alpha.minimum = 0.0;
    alpha.maximum = 1e6;
    alpha.logScale = true;
    alpha.searchRange = {{"min", 1e-4}, {"max", 1e3}, {"log", true}};
    registrar.addModelFamily("ridge", {"ridge regression on the standardised predictors",
                                       {alpha},
                                       fitRidge,
                                       [](const nlohmann::json&, std::size_t features,
                                          std::size_t targets, const std::filesystem::path& file) {
                                           return RidgeMember::load(features, targets, file);
                                       }});
}
