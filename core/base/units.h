#pragma once
// Physical units parsed and converted with UDUNITS-2 (the library CF itself refers to).
#include <string>

namespace soilscope::units {

/// An affine conversion: to = from * scale + offset.
struct Conversion {
    double scale = 1.0;
    double offset = 0.0;
    double apply(double v) const { return v * scale + offset; }
    bool identity() const { return scale == 1.0 && offset == 0.0; }
};

/// True when UDUNITS-2 understands the text ("m3 m-3", "K", "kg m-2 s-1", "%", "degC", ...).
bool parses(const std::string& text);

/// True when values in `from` can be expressed in `to`.
bool convertible(const std::string& from, const std::string& to);

/// The conversion from `from` to `to`; a mass of water per area converts to a depth and back
/// (1 kg m-2 = 1 mm, so kg m-2 s-1 -> mm h-1 multiplies by 3600). Throws soilscope::Error naming
/// both units when one does not parse or when they measure different quantities.
Conversion conversion(const std::string& from, const std::string& to);

/// True for "%" and "percent" (soil-moisture products use it for degree of saturation as well
/// as for volumetric content, so a percentage is never converted to m3 m-3 silently).
bool isPercent(const std::string& text);

/// True for a volumetric fraction: a dimensionless ratio of volumes, not a percentage
/// ("m3 m-3", "m^3/m^3", "m**3 m**-3", "cm3/cm3", "1"; not "kg/kg").
bool isVolumetric(const std::string& text);

/// The spelling used on axes and in outputs: "m³ m⁻³" for volumetric fractions, "°C" for
/// degrees Celsius, otherwise the text as given.
std::string display(const std::string& text);

} // namespace soilscope::units
