#pragma once
#include <string>
#include <vector>

namespace soilscope::features {

enum class CorrelationMethod { Pearson, Spearman };

/// Correlation matrix of the columns (pairwise complete observations: a pair of rows is used
/// when both values are finite). NaN where fewer than 3 pairs or a constant column.
std::vector<std::vector<double>> correlationMatrix(const std::vector<std::vector<double>>& columns,
                                                   CorrelationMethod method);

/// Shannon entropy in bits of a column's histogram with `bins` equal-width bins over its
/// finite range (0 for a constant column).
double histogramEntropy(const std::vector<double>& column, int bins = 64);

/// One step of the greedy entropy–correlation selection.
struct RankedFeature {
    std::size_t column = 0;
    std::string name;
    double entropy = 0.0;
    double score = 0.0; ///< s_j = h_j · Π_m (1 − |R_jm|) at the step it was chosen
};

/// Greedy ranking of the 60 m workload: first the column with the highest entropy, then at
/// every step the one maximising s_j = h_j · Π over selected m of (1 − |R_jm|). Returns up to
/// `count` columns (all when count = 0) in selection order.
std::vector<RankedFeature>
rankByEntropyCorrelation(const std::vector<std::vector<double>>& columns,
                         const std::vector<std::string>& names, std::size_t count = 0,
                         int bins = 64, CorrelationMethod method = CorrelationMethod::Pearson);

} // namespace soilscope::features
