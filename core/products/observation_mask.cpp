#include "products/observation_mask.h"

#include "base/comparison.h"

#include "base/error.h"

#include <cmath>
#include <regex>

namespace soilscope::products {

namespace {

std::vector<std::string> splitClauses(const std::string& text) {
    static const std::regex joiner(R"(\s+(and|AND)\s+|\s*&&\s*)");
    std::vector<std::string> out;
    std::sregex_token_iterator it(text.begin(), text.end(), joiner, -1), end;
    for (; it != end; ++it)
        out.push_back(it->str());
    return out;
}

} // namespace

ObservationMask ObservationMask::parse(const std::string& text) {
    ObservationMask mask;
    mask.m_text = text;
    if (text.find_first_not_of(" \t") == std::string::npos)
        return mask;
    if (std::regex_search(text, std::regex(R"(\s(or|OR)\s|\|\|)")))
        throw UsageError("mask '" + text + "': only 'and' joins conditions (no 'or')");
    static const std::regex clause(
        R"(^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:&\s*(\d+)\s*)?(==|!=|<=|>=|<|>)\s*(?:'(.)'|([-+]?[0-9.]+(?:[eE][-+]?\d+)?))\s*$)");
    for (const auto& part : splitClauses(text)) {
        std::smatch m;
        if (!std::regex_match(part, m, clause))
            throw UsageError("mask condition '" + part +
                             "' does not parse: write VARIABLE [& BITS] OP NUMBER, e.g. "
                             "'ssf == 1', 'flag & 7 == 0', 'frozen < 50', orbit_dir == 'D'");
        MaskClause c;
        c.variable = m[1];
        if (m[2].matched)
            c.bits = std::stoll(m[2]);
        c.op = m[3];
        c.value = m[4].matched ? static_cast<double>(static_cast<unsigned char>(m[4].str()[0]))
                               : std::stod(m[5]);
        mask.m_clauses.push_back(c);
    }
    return mask;
}

std::vector<std::string> ObservationMask::variables() const {
    std::vector<std::string> out;
    for (const auto& c : m_clauses)
        out.push_back(c.variable);
    return out;
}

std::vector<char> ObservationMask::evaluate(
    std::size_t n, const std::function<std::vector<double>(const std::string&)>& valuesOf) const {
    std::vector<char> keep(n, 1);
    for (const auto& c : m_clauses) {
        const auto values = valuesOf(c.variable);
        for (std::size_t i = 0; i < n; ++i) {
            double v = values[i];
            if (std::isnan(v)) {
                keep[i] = 0;
                continue;
            }
            if (c.bits)
                v = static_cast<double>(static_cast<long long>(v) & *c.bits);
            if (!compare(v, c.op, c.value))
                keep[i] = 0;
        }
    }
    return keep;
}

} // namespace soilscope::products
