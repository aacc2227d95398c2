#pragma once
#include "features/dataset.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace soilscope::features {

/// How one feature channel is scaled before learning.
enum class NormaliserKind {
    None,
    ZScore,      ///< (x − mean) / std, population std (N), fitted on the training split
    MinMax,      ///< (x − min) / (max − min) with min and max fitted on the training split
    FixedMinMax, ///< (x − lo) / (hi − lo) with fixed bounds given by the user
};

std::string normaliserKindName(NormaliserKind kind);
NormaliserKind parseNormaliserKind(const std::string& name);

/// Per-channel scaling. Channels are the last axis of tabular [p] and sequence [T, p] features
/// and the first axis of images [C, H, W]. Fitted on training samples only (NaN ignored);
/// serialised to JSON and saved with the model so prediction applies the same scaling.
class Normaliser {
  public:
    Normaliser() = default;
    /// One kind per channel; bounds are used by FixedMinMax channels (lo, hi).
    Normaliser(std::vector<NormaliserKind> kinds, std::vector<std::pair<double, double>> bounds);

    /// The same kind for every channel of `channels`.
    static Normaliser uniform(NormaliserKind kind, std::size_t channels);

    /// Fits mean/std or min/max on the given training samples of a dataset (its featureShape
    /// decides the channel axis). Throws when a channel has no finite training value.
    void fit(const Dataset& data, const std::vector<std::size_t>& trainIndices);
    /// Applies the scaling in place to all samples of the dataset.
    void apply(Dataset& data) const;
    /// Applies the scaling in place to a [n, channels] row-major block (inference).
    void applyRows(float* x, std::size_t rows) const;
    /// Undo the scaling of one channel value (for targets).
    double inverse(std::size_t channel, double value) const;

    std::size_t channels() const { return m_kinds.size(); }
    bool fitted() const { return m_fitted; }
    const std::vector<double>& offsets() const { return m_offset; }
    const std::vector<double>& scales() const { return m_scale; }

    nlohmann::json toJson() const;
    /// Reads what toJson wrote; throws soilscope::Error naming `context` on bad content.
    static Normaliser fromJson(const nlohmann::json& j, const std::string& context);

  private:
    void finalise();

    std::vector<NormaliserKind> m_kinds;
    std::vector<std::pair<double, double>> m_bounds;
    std::vector<double> m_offset; ///< x' = (x − offset) / scale
    std::vector<double> m_scale;
    bool m_fitted = false;
};

/// The channel axis layout of a feature shape: (channels, elements per channel block,
/// channel stride) so that element e of channel c in a sample is at c*stride + e (images)
/// or e*channels + c (tabular, sequences).
struct ChannelLayout {
    std::size_t channels = 0;
    std::size_t perChannel = 0;
    bool channelFirst = false;
};
ChannelLayout channelLayout(const std::vector<std::int64_t>& featureShape);

} // namespace soilscope::features
