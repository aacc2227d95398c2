#include "base/comparison.h"

namespace soilscope {

bool isComparison(std::string_view op) {
    return op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" || op == "!=";
}

bool compare(double value, std::string_view op, double reference) {
    if (op == "<")
        return value < reference;
    if (op == "<=")
        return value <= reference;
    if (op == ">")
        return value > reference;
    if (op == ">=")
        return value >= reference;
    if (op == "==")
        return value == reference;
    if (op == "!=")
        return value != reference;
    return false;
}

} // namespace soilscope
