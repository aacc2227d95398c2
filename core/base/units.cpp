#include "base/units.h"
#include "base/text.h"

#include "base/error.h"

#include <udunits2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace soilscope::units {

namespace {

/// UDUNITS-2 is not thread-safe: one unit system, used under one lock.
std::mutex& lock() {
    static std::mutex m;
    return m;
}

ut_system* system() {
    static ut_system* sys = [] {
        ut_set_error_message_handler(ut_ignore);
        return ut_read_xml(nullptr);
    }();
    if (!sys)
        throw Error("UDUNITS-2 cannot read its unit database (UDUNITS2_XML_PATH?)");
    return sys;
}

struct UnitDeleter {
    void operator()(ut_unit* u) const { ut_free(u); }
};
using UnitPtr = std::unique_ptr<ut_unit, UnitDeleter>;

UnitPtr parse(const std::string& text) {
    const std::string t(trimSpace(text));
    if (t.empty())
        return nullptr;
    return UnitPtr(ut_parse(system(), t.c_str(), UT_UTF8));
}

} // namespace

bool parses(const std::string& text) {
    std::lock_guard guard(lock());
    return parse(text) != nullptr;
}

bool convertible(const std::string& from, const std::string& to) {
    try {
        conversion(from, to);
        return true;
    } catch (const Error&) {
        return false;
    }
}

Conversion conversion(const std::string& from, const std::string& to) {
    std::lock_guard guard(lock());
    const auto a = parse(from);
    if (!a)
        throw Error("unknown unit '" + from + "'");
    const auto b = parse(to);
    if (!b)
        throw Error("unknown unit '" + to + "'");
    cv_converter* c = ut_get_converter(a.get(), b.get());
    if (!c) {
        // Water: a mass per area is a depth (1 kg m-2 = 1 mm), as hydrology converts
        // precipitation fluxes (kg m-2 s-1 -> mm h-1) and water columns.
        const auto density = parse("1000 kg m-3");
        const UnitPtr asDepth(ut_divide(a.get(), density.get()));
        const UnitPtr asMass(ut_multiply(a.get(), density.get()));
        if (asDepth && ut_are_convertible(asDepth.get(), b.get()))
            c = ut_get_converter(asDepth.get(), b.get());
        else if (asMass && ut_are_convertible(asMass.get(), b.get()))
            c = ut_get_converter(asMass.get(), b.get());
    }
    if (!c)
        throw Error("cannot convert '" + from + "' to '" + to + "': different quantities");
    Conversion out;
    out.offset = cv_convert_double(c, 0.0);
    out.scale = cv_convert_double(c, 1.0) - out.offset;
    cv_free(c);
    return out;
}

bool isPercent(const std::string& text) {
    std::string t(trimSpace(text));
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return t == "%" || t == "percent" || t.rfind("% ", 0) == 0 || t.rfind("percent ", 0) == 0;
}

bool isVolumetric(const std::string& text) {
    if (isPercent(text) || std::string(trimSpace(text)).empty())
        return false;
    if (!convertible(text, "1") || !conversion(text, "1").identity())
        return false;
    // Dimensionless alone does not make a volume fraction: kg/kg (specific humidity) is one of
    // masses. A ratio of volumes names a cubed length.
    const std::string t(trimSpace(text));
    return t == "1" || t.find("m3") != std::string::npos || t.find("m^3") != std::string::npos ||
           t.find("m**3") != std::string::npos || t.find("m\u00b3") != std::string::npos;
}

std::string display(const std::string& text) {
    if (isVolumetric(text) && std::string(trimSpace(text)) != "1")
        return "m³ m⁻³";
    const std::string t(trimSpace(text));
    if (t == "degC" || t == "degree_Celsius" || t == "celsius" || t == "C")
        return "°C";
    return t;
}

} // namespace soilscope::units
