#pragma once
#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include <algorithm>

#include <vector>

namespace soilscope::widgets {

/// Loads the colour-map resources (the .qrc of the widgets library); safe to call repeatedly.
void initWidgetResources();

/// A continuous colour map from stops (viridis, RdBu, ...) or a categorical table.
class ColourMap {
  public:
    enum class Kind { Sequential, Diverging, Cyclic, Categorical };

    ColourMap();
    /// A built-in map by name ("viridis", "rdbu", "brbg", "blues", "magma", "greys",
    /// "twilight"); viridis when unknown.
    static ColourMap named(const QString& name);
    /// Names of the built-in continuous maps.
    static QStringList names();
    /// A categorical map: value v -> table[v] (a raster's colour table), transparent outside.
    static ColourMap categorical(const QVector<QColor>& table);

    const QString& name() const { return m_name; }
    Kind kind() const { return m_kind; }
    /// Colour of t in [0, 1] (continuous maps; clamped).
    QRgb at(double t) const {
        return m_lut[static_cast<int>(std::clamp(t, 0.0, 1.0) * 255.0 + 0.5)];
    }
    /// Colour of a category (categorical maps).
    QRgb category(int value) const;
    /// A horizontal gradient image (colour bars, combo icons).
    QImage gradient(int width, int height) const;
    /// Same map, reversed.
    ColourMap reversed() const;

  private:
    struct Empty {};
    explicit ColourMap(Empty) : m_lut{} {}
    QString m_name;
    Kind m_kind = Kind::Sequential;
    QRgb m_lut[256];
    QVector<QColor> m_table;
};

/// How values map onto [0, 1] of a colour map.
struct Stretch {
    enum class Mode { MinMax, Percentile, Manual };
    Mode mode = Mode::Percentile;
    double lowPercent = 2.0;
    double highPercent = 98.0;
    double low = 0.0;  ///< resolved lower value
    double high = 1.0; ///< resolved upper value
};

/// Resolves low/high of a stretch from sample values (NaN ignored); leaves them for Manual.
void resolveStretch(Stretch& stretch, const std::vector<float>& values);

/// Renders values (row-major, NaN transparent) through a colour map and stretch.
QImage renderValues(const std::vector<float>& values, int width, int height, const ColourMap& map,
                    const Stretch& stretch, double opacity = 1.0);

/// True for quantities read best on a diverging map centred on zero: differences, anomalies,
/// biases, residuals, trends (by their name).
bool isDivergingQuantity(const QString& name);

} // namespace soilscope::widgets
