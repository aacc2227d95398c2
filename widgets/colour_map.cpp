#include "widgets/colour_map.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>

inline void soilscopeInitResources() {
    Q_INIT_RESOURCE(soilscope);
}

namespace soilscope::widgets {

void initWidgetResources() {
    static const bool done = [] {
        soilscopeInitResources();
        return true;
    }();
    (void)done;
}

namespace {

struct Stop {
    double pos;
    QColor colour;
};

void fillLut(QRgb* lut, const std::vector<Stop>& stops) {
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        auto hi = std::lower_bound(stops.begin(), stops.end(), t,
                                   [](const Stop& s, double v) { return s.pos < v; });
        if (hi == stops.begin()) {
            lut[i] = hi->colour.rgba();
            continue;
        }
        if (hi == stops.end()) {
            lut[i] = stops.back().colour.rgba();
            continue;
        }
        const auto lo = hi - 1;
        const double f = (t - lo->pos) / std::max(1e-9, hi->pos - lo->pos);
        auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + f * (b - a))); };
        lut[i] = qRgb(mix(lo->colour.red(), hi->colour.red()),
                      mix(lo->colour.green(), hi->colour.green()),
                      mix(lo->colour.blue(), hi->colour.blue()));
    }
}

} // namespace

ColourMap::ColourMap() {
    *this = named(QStringLiteral("viridis"));
}

QStringList ColourMap::names() {
    return {QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("blues"),
            QStringLiteral("greys"),   QStringLiteral("rdbu"),  QStringLiteral("brbg"),
            QStringLiteral("twilight")};
}

ColourMap ColourMap::named(const QString& requested) {
    initWidgetResources();
    ColourMap map{Empty{}};
    const QString name =
        names().contains(requested.toLower()) ? requested.toLower() : QStringLiteral("viridis");
    map.m_name = name;
    std::vector<Stop> stops;
    QFile file(QStringLiteral(":/colormaps/%1.txt").arg(name));
    if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        QTextStream in(&file);
        while (!in.atEnd()) {
            const QString line = in.readLine().trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QStringList parts = line.split(' ', Qt::SkipEmptyParts);
            if (parts.size() != 2)
                continue;
            if (parts[0] == QLatin1String("kind")) {
                map.m_kind = parts[1] == QLatin1String("diverging") ? Kind::Diverging
                             : parts[1] == QLatin1String("cyclic")  ? Kind::Cyclic
                                                                    : Kind::Sequential;
                continue;
            }
            stops.push_back({parts[0].toDouble(), QColor(parts[1])});
        }
    }
    if (stops.empty())
        stops = {{0.0, QColor(0x44, 0x01, 0x54)}, {1.0, QColor(0xfd, 0xe7, 0x25)}};
    fillLut(map.m_lut, stops);
    return map;
}

ColourMap ColourMap::categorical(const QVector<QColor>& table) {
    ColourMap map = named(QStringLiteral("viridis"));
    map.m_name = QStringLiteral("categorical");
    map.m_kind = Kind::Categorical;
    map.m_table = table;
    return map;
}

QRgb ColourMap::category(int value) const {
    if (value < 0 || value >= m_table.size())
        return qRgba(0, 0, 0, 0);
    return m_table[value].rgba();
}

ColourMap ColourMap::reversed() const {
    ColourMap out = *this;
    for (int i = 0; i < 256; ++i)
        out.m_lut[i] = m_lut[255 - i];
    out.m_name = m_name + QStringLiteral("_r");
    return out;
}

QImage ColourMap::gradient(int width, int height) const {
    QImage img(std::max(1, width), std::max(1, height), QImage::Format_ARGB32);
    for (int x = 0; x < img.width(); ++x) {
        const QRgb c = m_kind == Kind::Categorical
                           ? category(x * std::max<int>(1, m_table.size()) / img.width())
                           : at(img.width() > 1 ? double(x) / (img.width() - 1) : 0.0);
        for (int y = 0; y < img.height(); ++y)
            img.setPixel(x, y, c);
    }
    return img;
}

void resolveStretch(Stretch& stretch, const std::vector<float>& values) {
    if (stretch.mode == Stretch::Mode::Manual)
        return;
    std::vector<float> valid;
    valid.reserve(values.size());
    // Sub-sample large buffers: percentiles of ~1e6 values are exact enough for display.
    const std::size_t step = std::max<std::size_t>(1, values.size() / 1000000);
    for (std::size_t i = 0; i < values.size(); i += step)
        if (std::isfinite(values[i]))
            valid.push_back(values[i]);
    if (valid.empty()) {
        stretch.low = 0.0;
        stretch.high = 1.0;
        return;
    }
    if (stretch.mode == Stretch::Mode::MinMax) {
        const auto [lo, hi] = std::minmax_element(valid.begin(), valid.end());
        stretch.low = *lo;
        stretch.high = *hi;
    } else {
        auto quantile = [&valid](double p) {
            const auto k =
                static_cast<std::size_t>(std::clamp(p / 100.0, 0.0, 1.0) * (valid.size() - 1));
            std::nth_element(valid.begin(), valid.begin() + static_cast<long>(k), valid.end());
            return static_cast<double>(valid[k]);
        };
        stretch.low = quantile(stretch.lowPercent);
        stretch.high = quantile(stretch.highPercent);
    }
    if (!(stretch.high > stretch.low))
        stretch.high = stretch.low + 1e-6;
}

QImage renderValues(const std::vector<float>& values, int width, int height, const ColourMap& map,
                    const Stretch& stretch, double opacity) {
    QImage img(width, height, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    const int alpha = static_cast<int>(std::clamp(opacity, 0.0, 1.0) * 255.0);
    const double scale = 1.0 / std::max(1e-12, stretch.high - stretch.low);
    const bool categorical = map.kind() == ColourMap::Kind::Categorical;
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        const float* row = values.data() + static_cast<std::size_t>(y) * width;
        for (int x = 0; x < width; ++x) {
            const float v = row[x];
            if (!std::isfinite(v))
                continue;
            const QRgb c = categorical ? map.category(static_cast<int>(std::lround(v)))
                                       : map.at((v - stretch.low) * scale);
            const int a = qAlpha(c) * alpha / 255;
            line[x] = qPremultiply(qRgba(qRed(c), qGreen(c), qBlue(c), a));
        }
    }
    return img;
}

bool isDivergingQuantity(const QString& name) {
    const QString lower = name.toLower();
    for (const char* word : {"diff", "anomal", "bias", "residual", "trend"})
        if (lower.contains(QLatin1String(word)))
            return true;
    return false;
}

} // namespace soilscope::widgets
