#pragma once
#include "features/layer_source.h"
#include "features/predictor_spec.h"
#include "geo/grid.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::features {

/// The opened layers of a project by role.
class LayerCatalog {
  public:
    void add(const std::string& role, std::shared_ptr<LayerSource> layer);
    /// Throws soilscope::Error naming the role when it is not in the catalogue.
    const LayerSource& get(const std::string& role) const;
    bool has(const std::string& role) const { return m_layers.count(role) > 0; }

  private:
    std::map<std::string, std::shared_ptr<LayerSource>> m_layers;
};

/// Evaluates declared predictors on a window of a sample grid at a date: one float plane per
/// predictor (row-major, NaN = invalid), transforms and valid ranges applied. All layers must
/// share the sample grid; a mismatch is rejected naming both layers.
class PredictorEngine {
  public:
    /// gridName names the layer that defines the sample grid (for messages).
    PredictorEngine(std::vector<PredictorSpec> predictors, const LayerCatalog& catalog,
                    geo::Grid grid, std::string gridName);

    const std::vector<PredictorSpec>& predictors() const { return m_predictors; }
    const geo::Grid& grid() const { return m_grid; }
    std::vector<std::string> names() const;
    /// Largest halo any predictor needs.
    int halo() const;

    /// All predictors on a window at a date.
    std::vector<std::vector<float>> evaluate(const geo::Window& window, TimePoint date) const;
    /// One predictor on a window at a date.
    std::vector<float> evaluate(std::size_t predictor, const geo::Window& window,
                                TimePoint date) const;

  private:
    std::vector<float> rawValue(const PredictorSpec& p, const geo::Window& w, TimePoint date) const;
    /// A spectral index from the bands of the main role or from one-band layers per spectral role.
    std::vector<float> spectralIndex(const PredictorSpec& p, const geo::Window& w,
                                     TimePoint date) const;
    std::vector<float> select(const LayerSource& layer, int band, const geo::Window& w,
                              TimePoint date, const TemporalSelection& sel,
                              const std::string& predictor) const;
    std::vector<float> windowStatistic(const PredictorSpec& p, const geo::Window& w,
                                       TimePoint date) const;
    std::vector<float> dryDays(const PredictorSpec& p, const geo::Window& w, TimePoint date) const;
    std::vector<float> soilWaterIndex(const PredictorSpec& p, const geo::Window& w,
                                      TimePoint date) const;

    std::vector<PredictorSpec> m_predictors;
    const LayerCatalog& m_catalog;
    geo::Grid m_grid;
    std::string m_gridName;
};

/// Reads a role's band on a window, checking its grid against `grid`; used for targets and
/// land-cover masks. Static layers ignore the date; series take the nearest band within
/// tolerance (NaN everywhere when none).
std::vector<float> readLayerAt(const LayerSource& layer, int band, const geo::Window& window,
                               TimePoint date, std::chrono::seconds tolerance);

/// Throws soilscope::Error when the layer's grid differs from the sample grid, naming both.
void requireSameGrid(const LayerSource& layer, const geo::Grid& grid, const std::string& gridName);

} // namespace soilscope::features
