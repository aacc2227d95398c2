#pragma once
#include "widgets/map_context.h"
#include "widgets/map_layer.h"

#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace soilscope::widgets {

class PoolWork;

/// The central map: raster layers reprojected on the fly into the map CRS and rendered on
/// worker threads (cached, so pan and zoom stay smooth), station markers coloured by a metric,
/// a colour bar and a scale bar. Files dropped on it are offered through filesDropped().
class MapCanvas : public QWidget {
    Q_OBJECT
  public:
    enum class Tool { Pan, Identify };

    explicit MapCanvas(QWidget* parent = nullptr);
    ~MapCanvas() override;

    /// Adds a layer on top; the first layer sets the map CRS and the view. Returns its index.
    int addLayer(const MapLayer& layer);
    void removeLayer(int index);
    /// Moves a layer from one position to another (0 = bottom).
    void moveLayer(int from, int to);
    void clearLayers();
    int layerCount() const { return static_cast<int>(m_entries.size()); }
    const MapLayer& layer(int index) const { return m_entries.at(index).layer; }
    /// Replaces a layer's settings (colour map, band, stretch, visibility...) and re-renders it.
    void updateLayer(int index, const MapLayer& layer);
    int currentLayer() const { return m_current; }
    void setCurrentLayer(int index);

    /// The map CRS (WKT); empty until a layer set it.
    QString mapCrs() const;
    /// "EPSG:32631" or the CRS name, for the status bar.
    QString mapCrsLabel() const;
    /// The visible extent in map coordinates.
    geo::Bounds visibleBounds() const;
    /// Shows a map extent (fitting it into the widget).
    void setVisibleBounds(const geo::Bounds& bounds);
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }

    /// The value of a raster layer at a widget position from the last render; NaN if none.
    double valueAt(int layerIndex, const QPoint& pos) const;
    /// Map coordinates of a widget position.
    geo::MapPoint toMap(const QPointF& pos) const;
    /// Longitude/latitude (WGS 84) of a widget position; nullopt without a map CRS.
    std::optional<geo::LonLat> toLonLat(const QPointF& pos) const;
    /// Widget position of map coordinates.
    QPointF toScreen(double x, double y) const;
    /// The error of a raster layer's last render ("" when it rendered, "not rendered" before).
    QString renderError(int layerIndex) const;
    /// True while background renders are running.
    bool isRendering() const;
    /// Renders the whole map synchronously into an image of the given size (export, screenshots).
    QImage renderImage(const QSize& size);
    /// Map extent of all visible layers, in map coordinates.
    std::optional<geo::Bounds> fullExtent() const;

    /// What an empty map says (by default: open a project or drop data here).
    void setEmptyText(const QString& text);

    /// Country borders, coastlines and a graticule under the stations (on by default).
    void setContextVisible(bool visible);
    bool contextVisible() const { return m_showContext; }
    /// Outline segments ready to draw in the map CRS (0 while loading or without a world map).
    int contextLineCount() const { return static_cast<int>(m_contextMap.size()); }
    /// Why there are no outlines ("" when they are there or still loading).
    QString contextStatus() const { return m_contextStatus; }
    /// True once the world map was read (or found missing).
    bool contextReady() const { return !m_contextWork; }

  public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFullExtent();
    void zoomToLayer(int index);

  Q_SIGNALS:
    /// The cursor moved: lon/lat (NaN without a CRS), map coordinates and the current layer's
    /// value.
    void cursorMoved(double lon, double lat, double x, double y, const QString& valueText);
    void stationClicked(int layerIndex, const QString& network, const QString& station);
    /// A click with the pan tool on the map beside any station (for the pixel's time series).
    void locationClicked(double lon, double lat);
    /// Identify tool result, one line per layer.
    void identified(const QString& report);
    void filesDropped(const QStringList& paths);
    void layersChanged();
    /// setCurrentLayer() chose another layer (-1 = none).
    void currentLayerChanged(int index);
    void renderFinished();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    struct ViewState {
        double cx = 0.0;
        double cy = 0.0;
        double resolution = 1.0; ///< map units per widget pixel
        QSize size;
    };
    struct Entry {
        quint64 id = 0;
        MapLayer layer;
        std::vector<QPointF> stationMap; ///< station positions in map CRS
        double stationSpacing = 0.0;     ///< median distance to the nearest marker, map units
        std::vector<ContextOutlines::Line> polygonMap; ///< polygon rings in map CRS
        RasterRender render;
        ViewState renderedView;
        bool hasRender = false;
        bool rendering = false; ///< a render was started and its result not yet taken
        int generation = 0;
        std::shared_ptr<PoolWork> work; ///< the latest render started
        std::optional<geo::Bounds> mapBounds;
    };
    geo::Grid viewGrid(const ViewState& view) const;
    void scheduleRender();
    void startRenders();
    void startRender(Entry& entry);
    void projectLayer(Entry& entry);
    void zoomAround(const QPointF& pos, double factor);
    int stationAt(const QPoint& pos, int* layerIndex) const;
    void drawStations(QPainter& p, const Entry& e, const ViewState& view) const;
    void projectContext();
    void drawColourBar(QPainter& p, const QRect& area) const;
    void drawColourBarBox(QPainter& p, const QRect& area, const ColourMap& colours,
                          const QString& title, double low, double high) const;
    void drawScaleBar(QPainter& p, const QRect& area, const ViewState& view) const;
    QString identifyReport(const QPoint& pos) const;
    int colourBarLayer() const;

    Entry* entryById(quint64 id);
    std::vector<Entry> m_entries;
    quint64 m_nextId = 1;
    QString m_crsWkt;
    QString m_emptyText;
    geo::Grid m_crsGrid; ///< a 1x1 grid carrying the map CRS, for coordinate transforms
    ViewState m_view;
    std::optional<geo::Bounds> m_fitted; ///< the extent the view is fitted to, until panned
    std::shared_ptr<const ContextOutlines> m_outlines;
    std::vector<ContextOutlines::Line> m_contextMap; ///< outlines in the map CRS
    std::shared_ptr<PoolWork> m_contextWork;         ///< loading the world map
    QString m_contextStatus;
    bool m_showContext = true;
    int m_current = -1;
    Tool m_tool = Tool::Pan;
    QTimer* m_renderTimer;
    bool m_dragging = false;
    QPoint m_pressPos;
    QPoint m_lastPos;
};

} // namespace soilscope::widgets
