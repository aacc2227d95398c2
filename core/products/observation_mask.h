#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

/// One condition of a mask: `variable [& bits] op value`.
struct MaskClause {
    std::string variable;
    std::optional<long long> bits; ///< tests (value & bits) instead of the value
    std::string op;                ///< ==, !=, <, <=, >, >=
    double value = 0.0;
};

/// Which observations to keep, from the product's own variables, e.g.
/// "ssf == 1 and proc_flag == 0 and frozen < 50" (ASCAT), "flag & 7 == 0" (CCI bits 1, 2, 4
/// clear), "orbit_dir == 'D'" (a character). Clauses are joined by `and`; an observation whose
/// clause variable is missing (NaN) is dropped.
class ObservationMask {
  public:
    ObservationMask() = default;
    /// Parses the text; throws soilscope::UsageError naming the clause that does not parse.
    static ObservationMask parse(const std::string& text);

    bool empty() const { return m_clauses.empty(); }
    const std::vector<MaskClause>& clauses() const { return m_clauses; }
    const std::string& text() const { return m_text; }
    /// The variables the clauses read.
    std::vector<std::string> variables() const;

    /// keep[i] for n observations; `valuesOf(variable)` gives the n values of a clause variable.
    std::vector<char>
    evaluate(std::size_t n,
             const std::function<std::vector<double>(const std::string&)>& valuesOf) const;

  private:
    std::vector<MaskClause> m_clauses;
    std::string m_text;
};

} // namespace soilscope::products
