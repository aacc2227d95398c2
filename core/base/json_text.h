#pragma once
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope {

/// Deepest nesting of arrays and objects in JSON text (brackets inside strings ignored).
std::size_t jsonNestingDepth(std::string_view text);

/// Parses JSON text read from `context` (a file): syntax errors and documents nested deeper
/// than maxDepth (which would exhaust the stack when copied or walked) are Errors naming the
/// file, the line and the column.
nlohmann::json parseJsonText(const std::string& text, const std::string& context,
                             std::size_t maxDepth = 128);

/// A number as JSON without loss: NaN as null, ±infinity as "inf" / "-inf".
nlohmann::json jsonNumber(double value);
/// The number back from jsonNumber's form (anything else is NaN).
double numberFromJson(const nlohmann::json& value);

/// Floats as a JSON array without loss (jsonNumber each) — and back.
nlohmann::json jsonNumbers(const std::vector<float>& values);
std::vector<float> floatsFromJson(const nlohmann::json& values);

} // namespace soilscope
