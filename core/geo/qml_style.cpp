#include "geo/qml_style.h"

#include "base/atomic_file.h"

#include <array>
#include <iomanip>
#include <sstream>

namespace soilscope::geo {

namespace {
struct Stop {
    double at;
    const char* colour;
};
// Dry to wet: the colour map of SoilScope's maps (brown, ochre, yellow-green, teal, blue, navy).
constexpr std::array<Stop, 6> kRamp = {{{0.0, "#8c510a"},
                                        {0.2, "#d8b365"},
                                        {0.4, "#c7e9b4"},
                                        {0.6, "#41b6c4"},
                                        {0.8, "#2c7fb8"},
                                        {1.0, "#253494"}}};
} // namespace

std::filesystem::path styleSidecarPath(const std::filesystem::path& raster) {
    std::filesystem::path p = raster;
    p.replace_extension(".qml");
    return p;
}

void writeSoilMoistureStyle(const std::filesystem::path& qmlPath, double minimum, double maximum,
                            const std::string& label) {
    std::ostringstream q;
    q << std::setprecision(6);
    q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.0\" styleCategories=\"AllStyleCategories\">\n"
      << "  <pipe>\n"
      << "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"1\" "
      << "alphaBand=\"-1\" classificationMin=\"" << minimum << "\" classificationMax=\"" << maximum
      << "\" nodataColor=\"\">\n"
      << "      <rasterTransparency/>\n"
      << "      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent>"
      << "<statAccuracy>Estimated</statAccuracy></minMaxOrigin>\n"
      << "      <rastershader>\n"
      << "        <colorrampshader colorRampType=\"INTERPOLATED\" classificationMode=\"1\" "
      << "clip=\"0\" minimumValue=\"" << minimum << "\" maximumValue=\"" << maximum
      << "\" labelPrecision=\"3\">\n"
      << "          <colorramp type=\"gradient\" name=\"[source]\">\n"
      << "            <Option type=\"Map\">\n"
      << "              <Option type=\"QString\" name=\"color1\" value=\"140,81,10,255\"/>\n"
      << "              <Option type=\"QString\" name=\"color2\" value=\"37,52,148,255\"/>\n"
      << "            </Option>\n"
      << "          </colorramp>\n";
    for (const Stop& s : kRamp) {
        const double v = minimum + s.at * (maximum - minimum);
        q << "          <item alpha=\"255\" value=\"" << v << "\" label=\"" << v << "\" color=\""
          << s.colour << "\"/>\n";
    }
    q << "        </colorrampshader>\n"
      << "      </rastershader>\n"
      << "    </rasterrenderer>\n"
      << "    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
      << "    <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\"/>\n"
      << "    <rasterresampler maxOversampling=\"2\"/>\n"
      << "  </pipe>\n"
      << "  <customproperties><Option type=\"Map\"><Option type=\"QString\" "
         "name=\"soilscope/label\" value=\""
      << label << "\"/></Option></customproperties>\n"
      << "  <blendMode>0</blendMode>\n"
      << "</qgis>\n";
    writeTextAtomically(qmlPath, q.str());
}

} // namespace soilscope::geo
