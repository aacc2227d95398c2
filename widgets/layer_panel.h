#pragma once
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class QTreeWidget;
class QWidget;

namespace soilscope::widgets {

class MapCanvas;

/// The Layers dock: the map's layers (top of the list = drawn last) with visibility, order and
/// the current layer's style: colour map, stretch (min/max, 2-98 %, manual), opacity, the time
/// step of a series, the metric that colours station markers, and the observations a point
/// product's markers and time series keep.
class LayerPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LayerPanel(MapCanvas* canvas, QWidget* parent = nullptr);
    /// Sets the time step (1-based band) of the current layer, as the time slider does.
    void setTimeStep(int band);
    QSlider* timeSlider() const { return m_time; }
    /// Plays the time steps of the current series layer (wrapping) at `framesPerSecond`.
    void setPlaying(bool playing);
    bool isPlaying() const;
    /// The playing speed chosen beside the time slider.
    int framesPerSecond() const;
    /// The mask field of a point product's layer.
    QComboBox* maskField() const { return m_mask; }

  Q_SIGNALS:
    void exportLayerRequested(int index);
    /// "Use as validation region" on a polygon layer.
    void regionRequested(int index);
    /// A point product's observation mask was edited (the layer is to be read again with it).
    void maskRequested(int index, const QString& mask);
    /// "Validate at the stations" on a product layer (a point product or a dated series).
    void validateRequested(int index);

  private:
    void rebuild();
    void showProperties();
    void applyStyle();
    int currentIndex() const;

    MapCanvas* m_canvas;
    QTreeWidget* m_tree;
    QWidget* m_props;
    QComboBox* m_colourMap;
    QComboBox* m_stretch;
    QDoubleSpinBox* m_low;
    QDoubleSpinBox* m_high;
    QSlider* m_opacity;
    QPushButton* m_useAsRegion = nullptr;
    QPushButton* m_validate = nullptr;
    QSlider* m_time;
    QLabel* m_timeLabel;
    QToolButton* m_play;
    QSpinBox* m_fps;
    QTimer* m_playTimer;
    QLabel* m_timeTitle = nullptr; ///< "Time" for series, "Band" for other multi-band rasters
    QComboBox* m_metric;
    QComboBox* m_mask; ///< a point product's observation mask, editable
    QLayout* m_rangeRow = nullptr;
    QLayout* m_playRow = nullptr;
    bool m_updating = false;
};

} // namespace soilscope::widgets
