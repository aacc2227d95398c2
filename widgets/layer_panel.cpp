#include "widgets/layer_panel.h"

#include "widgets/map_canvas.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace soilscope::widgets {

namespace {
QToolButton* toolButton(const QString& icon, const QString& tip, QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setIcon(QIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

LayerPanel::LayerPanel(MapCanvas* canvas, QWidget* parent)
    : QWidget(parent), m_canvas(canvas), m_tree(new QTreeWidget(this)), m_props(new QWidget(this)),
      m_colourMap(new QComboBox), m_stretch(new QComboBox), m_low(new QDoubleSpinBox),
      m_high(new QDoubleSpinBox), m_opacity(new QSlider(Qt::Horizontal)),
      m_time(new QSlider(Qt::Horizontal)), m_timeLabel(new QLabel), m_metric(new QComboBox),
      m_mask(new QComboBox) {
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setToolTip(tr("Layers: tick to show, select to style; the top layer is drawn last"));
    auto* up = toolButton(QStringLiteral(":/icons/zoom-in.svg"), tr("Move the layer up"), this);
    up->setArrowType(Qt::UpArrow);
    auto* down = toolButton(QString(), tr("Move the layer down"), this);
    down->setArrowType(Qt::DownArrow);
    auto* zoom = toolButton(QStringLiteral(":/icons/zoom-full.svg"), tr("Zoom to the layer"), this);
    auto* exportTif = toolButton(QStringLiteral(":/icons/export.svg"),
                                 tr("Export the layer as GeoTIFF with a QGIS style"), this);
    auto* remove = toolButton(QStringLiteral(":/icons/remove.svg"), tr("Remove the layer"), this);
    auto* buttons = new QHBoxLayout;
    for (auto* b : {up, down, zoom, exportTif, remove})
        buttons->addWidget(b);
    buttons->addStretch(1);

    for (const QString& name : ColourMap::names()) {
        const QImage g = ColourMap::named(name).gradient(48, 12);
        m_colourMap->addItem(QIcon(QPixmap::fromImage(g)), name, name);
        m_colourMap->addItem(
            QIcon(QPixmap::fromImage(ColourMap::named(name).reversed().gradient(48, 12))),
            name + tr(" (reversed)"), name + QStringLiteral("_r"));
    }
    m_colourMap->setIconSize(QSize(48, 12));
    m_stretch->addItem(tr("2–98 % percentiles"));
    m_stretch->addItem(tr("Minimum \u2013 maximum"));
    m_stretch->addItem(tr("Manual"));
    for (auto* box : {m_low, m_high}) {
        box->setRange(-1e12, 1e12);
        box->setDecimals(4);
    }
    m_opacity->setRange(0, 100);
    m_time->setRange(1, 1);
    m_time->setToolTip(tr("Time step of a raster series (band)"));
    auto* form = new QFormLayout(m_props);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Colours"), m_colourMap);
    form->addRow(tr("Stretch"), m_stretch);
    auto* range = new QHBoxLayout;
    range->addWidget(m_low);
    range->addWidget(m_high);
    form->addRow(tr("Range"), range);
    m_rangeRow = range;
    form->addRow(tr("Opacity"), m_opacity);
    m_timeTitle = new QLabel(tr("Time"));
    form->addRow(m_timeTitle, m_time);
    form->addRow(QString(), m_timeLabel);
    // Time animation: play the steps of a series at a chosen speed.
    m_play = new QToolButton;
    m_play->setCheckable(true);
    m_play->setText(tr("Play"));
    m_play->setToolTip(tr("Play the time steps of the series"));
    m_fps = new QSpinBox;
    m_fps->setRange(1, 30);
    m_fps->setValue(4);
    m_fps->setSuffix(tr(" frames/s"));
    m_playTimer = new QTimer(this);
    auto* playRow = new QHBoxLayout;
    playRow->addWidget(m_play);
    playRow->addWidget(m_fps);
    playRow->addStretch(1);
    form->addRow(QString(), playRow);
    m_playRow = playRow;
    connect(m_play, &QToolButton::toggled, this, [this](bool on) { setPlaying(on); });
    connect(m_fps, &QSpinBox::valueChanged, this,
            [this](int fps) { m_playTimer->setInterval(1000 / fps); });
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (!m_time->isEnabled() || m_canvas->isRendering())
            return; // wait for the frame on screen before the next one
        m_time->setValue(m_time->value() >= m_time->maximum() ? m_time->minimum()
                                                              : m_time->value() + 1);
    });
    form->addRow(tr("Colour by"), m_metric);
    m_mask->setEditable(true);
    m_mask->setInsertPolicy(QComboBox::NoInsert);
    m_mask->lineEdit()->setPlaceholderText(tr("every observation"));
    form->addRow(tr("Keep"), m_mask);
    const auto requestMask = [this] {
        const int index = currentIndex();
        if (m_updating || index < 0 ||
            m_mask->currentText().trimmed() == m_canvas->layer(index).mask)
            return;
        Q_EMIT maskRequested(index, m_mask->currentText().trimmed());
    };
    connect(m_mask, &QComboBox::activated, this, requestMask);
    connect(m_mask->lineEdit(), &QLineEdit::editingFinished, this, requestMask);
    m_validate = new QPushButton(tr("Validate at the stations"));
    m_validate->setToolTip(tr("Opens validate-network with this product (and its mask) against "
                              "the ISMN stations on the map"));
    form->addRow(QString(), m_validate);
    connect(m_validate, &QPushButton::clicked, this, [this] {
        if (currentIndex() >= 0)
            Q_EMIT validateRequested(currentIndex());
    });
    m_useAsRegion = new QPushButton(tr("Use as validation region"));
    m_useAsRegion->setToolTip(
        tr("Opens validate-network with these polygons as its regions (each polygon named by "
           "its attribute)"));
    form->addRow(QString(), m_useAsRegion);
    connect(m_useAsRegion, &QPushButton::clicked, this, [this] {
        if (currentIndex() >= 0)
            Q_EMIT regionRequested(currentIndex());
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_props);

    connect(m_canvas, &MapCanvas::layersChanged, this, &LayerPanel::rebuild);
    connect(m_canvas, &MapCanvas::currentLayerChanged, this, [this](int index) {
        if (m_updating || index == currentIndex())
            return;
        m_updating = true;
        for (int row = 0; row < m_tree->topLevelItemCount(); ++row)
            if (m_tree->topLevelItem(row)->data(0, Qt::UserRole).toInt() == index)
                m_tree->setCurrentItem(m_tree->topLevelItem(row));
        m_updating = false;
        showProperties();
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        if (m_updating)
            return;
        m_canvas->setCurrentLayer(currentIndex());
        showProperties();
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        if (m_updating)
            return;
        const int index = item->data(0, Qt::UserRole).toInt();
        MapLayer layer = m_canvas->layer(index);
        layer.visible = item->checkState(0) == Qt::Checked;
        m_canvas->updateLayer(index, layer);
    });
    connect(up, &QToolButton::clicked, this, [this] {
        const int i = currentIndex();
        if (i >= 0)
            m_canvas->moveLayer(i, i + 1);
    });
    connect(down, &QToolButton::clicked, this, [this] {
        const int i = currentIndex();
        if (i > 0)
            m_canvas->moveLayer(i, i - 1);
    });
    connect(zoom, &QToolButton::clicked, this, [this] { m_canvas->zoomToLayer(currentIndex()); });
    connect(exportTif, &QToolButton::clicked, this, [this] {
        if (currentIndex() >= 0)
            Q_EMIT exportLayerRequested(currentIndex());
    });
    connect(remove, &QToolButton::clicked, this, [this] { m_canvas->removeLayer(currentIndex()); });
    for (auto* combo : {m_colourMap, m_stretch, m_metric})
        connect(combo, &QComboBox::currentIndexChanged, this, &LayerPanel::applyStyle);
    for (auto* box : {m_low, m_high})
        connect(box, &QDoubleSpinBox::editingFinished, this, &LayerPanel::applyStyle);
    connect(m_opacity, &QSlider::valueChanged, this, &LayerPanel::applyStyle);
    connect(m_time, &QSlider::valueChanged, this, &LayerPanel::applyStyle);
    rebuild();
}

int LayerPanel::currentIndex() const {
    const auto* item = m_tree->currentItem();
    return item ? item->data(0, Qt::UserRole).toInt() : -1;
}

void LayerPanel::rebuild() {
    m_updating = true;
    m_tree->clear();
    QTreeWidgetItem* current = nullptr;
    for (int i = m_canvas->layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = m_canvas->layer(i);
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, l.name);
        item->setToolTip(
            0, l.path + (l.type == MapLayer::Type::Raster
                             ? QStringLiteral("\n") + QString::fromStdString(l.grid.describe())
                         : l.type == MapLayer::Type::Polygons
                             ? tr("\n%1 polygons named by '%2'")
                                   .arg(l.regionNames.size())
                                   .arg(l.regionAttribute.isEmpty() ? tr("feature id")
                                                                    : l.regionAttribute)
                             : tr("\n%1 stations").arg(l.stations.size())));
        item->setIcon(0, QIcon(l.type == MapLayer::Type::Raster
                                   ? QStringLiteral(":/icons/add-raster.svg")
                               : l.type == MapLayer::Type::Polygons
                                   ? QStringLiteral(":/icons/layers.svg")
                                   : QStringLiteral(":/icons/add-stations.svg")));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, l.visible ? Qt::Checked : Qt::Unchecked);
        item->setData(0, Qt::UserRole, i);
        if (i == m_canvas->currentLayer())
            current = item;
    }
    if (current)
        m_tree->setCurrentItem(current);
    m_updating = false;
    showProperties();
}

void LayerPanel::showProperties() {
    const int index = currentIndex();
    m_props->setEnabled(index >= 0);
    if (index < 0)
        return;
    m_updating = true;
    const MapLayer& l = m_canvas->layer(index);
    const bool raster = l.type == MapLayer::Type::Raster;
    m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findData(l.colourMapName)));
    m_colourMap->setEnabled(!l.categorical);
    m_stretch->setEnabled(raster && !l.categorical);
    m_stretch->setCurrentIndex(l.stretch.mode == Stretch::Mode::Percentile ? 0
                               : l.stretch.mode == Stretch::Mode::MinMax   ? 1
                                                                           : 2);
    // Four significant digits of the range's span: precipitation in metres needs more
    // decimals than temperatures in kelvin.
    const double span = std::abs(l.stretch.high - l.stretch.low);
    const int decimals = span > 0 && std::isfinite(span)
                             ? std::clamp(3 - int(std::floor(std::log10(span))), 2, 10)
                             : 4;
    for (auto* box : {m_low, m_high})
        box->setDecimals(decimals);
    m_low->setValue(l.stretch.low);
    m_high->setValue(l.stretch.high);
    m_low->setEnabled(raster && l.stretch.mode == Stretch::Mode::Manual);
    m_high->setEnabled(raster && l.stretch.mode == Stretch::Mode::Manual);
    m_opacity->setValue(static_cast<int>(l.opacity * 100));
    m_time->setEnabled(raster && l.bandCount > 1);
    m_play->setEnabled(raster && l.bandCount > 1 && l.hasTime);
    if (!m_play->isEnabled())
        setPlaying(false);
    m_time->setRange(1, std::max(1, l.bandCount));
    m_time->setValue(l.band);
    m_timeTitle->setText(raster && l.bandCount > 1 && !l.hasTime ? tr("Band") : tr("Time"));
    m_time->setToolTip(raster && l.bandCount > 1 && !l.hasTime
                           ? tr("Band of the raster")
                           : tr("Time step of a raster series (band)"));
    m_timeLabel->setText(raster && l.bandCount > 1 ? QStringLiteral("%1 / %2: %3")
                                                         .arg(l.band)
                                                         .arg(l.bandCount)
                                                         .arg(l.bandLabels.value(l.band - 1))
                                                   : QString());
    m_metric->clear();
    m_metric->addItem(tr("(uniform)"), QString());
    for (const QString& m : l.metricNames())
        m_metric->addItem(m, m);
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(l.colourMetric)));
    m_metric->setEnabled(l.type == MapLayer::Type::Stations);
    m_mask->clear();
    m_mask->addItem(QString());
    m_mask->addItems(l.maskSuggestions);
    m_mask->setEditText(l.mask);
    m_mask->setToolTip(
        tr("Observations the markers' colours and the time series keep, e.g. \"ssf == 1 and "
           "proc_flag == 0\"; the others are drawn as marks apart and left out of r. Clauses "
           "joined by 'and', of the product's variables: %1")
            .arg(l.maskVariables.join(QStringLiteral(", "))));
    // Only the rows that style this kind of layer.
    if (auto* form = qobject_cast<QFormLayout*>(m_props->layout())) {
        form->setRowVisible(m_mask, !l.maskVariables.isEmpty());
        form->setRowVisible(m_stretch, raster);
        form->setRowVisible(m_rangeRow, raster);
        form->setRowVisible(m_time, raster);
        form->setRowVisible(m_timeLabel, raster);
        form->setRowVisible(m_playRow, raster);
        form->setRowVisible(m_metric, l.type == MapLayer::Type::Stations);
        form->setRowVisible(m_validate, !l.maskVariables.isEmpty() ||
                                            (raster && l.hasTime && l.bandCount > 1 && !l.result));
    }
    m_colourMap->setEnabled(l.type != MapLayer::Type::Polygons && !l.categorical);
    m_useAsRegion->setVisible(l.type == MapLayer::Type::Polygons);
    m_updating = false;
}

void LayerPanel::applyStyle() {
    if (m_updating)
        return;
    const int index = currentIndex();
    if (index < 0)
        return;
    MapLayer l = m_canvas->layer(index);
    l.colourMapName = m_colourMap->currentData().toString();
    const auto mode = m_stretch->currentIndex() == 0   ? Stretch::Mode::Percentile
                      : m_stretch->currentIndex() == 1 ? Stretch::Mode::MinMax
                                                       : Stretch::Mode::Manual;
    if (mode != l.stretch.mode)
        l.stretchResolved = mode == Stretch::Mode::Manual;
    l.stretch.mode = mode;
    if (mode == Stretch::Mode::Manual) {
        l.stretch.low = m_low->value();
        l.stretch.high = std::max(m_high->value(), m_low->value() + 1e-9);
    }
    l.opacity = m_opacity->value() / 100.0;
    if (l.band != m_time->value()) {
        l.band = m_time->value();
        if (!l.bandUnits.value(l.band - 1).isEmpty())
            l.units = l.bandUnits.value(l.band - 1);
    }
    l.colourMetric = m_metric->currentData().toString();
    m_canvas->updateLayer(index, l);
}

void LayerPanel::setTimeStep(int band) {
    m_time->setValue(band);
}

void LayerPanel::setPlaying(bool playing) {
    if (playing && !m_play->isEnabled())
        playing = false;
    if (m_play->isChecked() != playing) {
        const QSignalBlocker block(m_play);
        m_play->setChecked(playing);
    }
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    if (playing)
        m_playTimer->start(1000 / m_fps->value());
    else
        m_playTimer->stop();
}

int LayerPanel::framesPerSecond() const {
    return m_fps->value();
}

bool LayerPanel::isPlaying() const {
    return m_playTimer->isActive();
}

} // namespace soilscope::widgets
