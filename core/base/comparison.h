#pragma once
#include <string_view>

namespace soilscope {

/// True when the comparison operator is one of <, <=, >, >=, ==, !=.
bool isComparison(std::string_view op);

/// `value OP reference` for one of <, <=, >, >=, ==, != (false for any other operator).
bool compare(double value, std::string_view op, double reference);

} // namespace soilscope
