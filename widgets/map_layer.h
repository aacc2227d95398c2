#pragma once
#include "base/feedback.h"
#include "geo/grid.h"
#include "widgets/colour_map.h"
#include "widgets/map_context.h"

#include <QImage>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <vector>

namespace soilscope::widgets {

/// One station marker of a network layer: position, identity and any metrics to colour by.
struct StationMarker {
    QString network;
    QString name;
    double lon = 0.0;
    double lat = 0.0;
    QMap<QString, double> metrics; ///< e.g. "R", "ubRMSE", "observations"
};

/// A layer of the map: a raster (one band of a GDAL file, or a band of a series), a station
/// network, or polygons (catchments, areas of interest) that can be a validation's region.
struct MapLayer {
    enum class Type { Raster, Stations, Polygons };
    Type type = Type::Raster;
    QString name;
    QString path;
    QString source; ///< the file or folder opened, where `path` is a view of it (a curvilinear
                    ///< grid warped, a folder of daily images as one VRT)
    bool visible = true;
    double opacity = 1.0;
    bool result = false; ///< an output of a task (a prediction, a metric map), not input data

    // Raster layers
    geo::Grid grid; ///< the file's grid
    int band = 1;   ///< 1-based; the time step of a series
    int bandCount = 1;
    QStringList bandLabels; ///< one per band (dates of a series), may be empty
    QStringList bandUnits;  ///< one per band
    bool hasTime = false;   ///< the bands are the time steps of a series (dated labels)
    QString units;
    QString colourMapName = QStringLiteral("viridis");
    bool categorical = false; ///< the file has a colour table
    QVector<QColor> colourTable;
    Stretch stretch;
    bool stretchResolved = false;

    // Station layers
    std::vector<StationMarker> stations;
    QString colourMetric; ///< metric used for colours; empty = uniform
    /// A point product's observation mask (ObservationMask text; empty: every observation), the
    /// variables it may use (empty for ISMN stations) and masks its providers document.
    QString mask;
    QStringList maskVariables;
    QStringList maskSuggestions;

    // Polygon layers: the rings as the validation tasks read the file (reprojected to lon/lat)
    std::shared_ptr<const ContextOutlines> outlines;
    QString regionAttribute; ///< the field naming each polygon (empty: the feature id)
    QStringList regionNames; ///< one per polygon, in file order

    /// What the user opened (a file or a folder of images), where `path` may be a view of it.
    QString opened() const { return source.isEmpty() ? path : source; }
    /// The colour map in use (the colour table for categorical rasters).
    ColourMap colourMap() const;
    /// Metric names present on any station.
    QStringList metricNames() const;
    /// Extent in lon/lat (stations) or in the layer's own CRS (rasters).
    geo::Bounds nativeBounds() const;
};

/// Reads the polygons of a vector file (Shapefile, GeoPackage, GeoJSON, ...) as validate-network
/// and validate-grid read their --regions, named by `attribute` (empty: the first text field,
/// else the feature id). Throws soilscope::Error naming the file (no polygons, no CRS, invalid).
MapLayer describePolygonFile(const QString& path, const QString& attribute = {});

/// Reads the description of a raster file (grid, band labels, colour table, units); throws
/// soilscope::Error naming the file when it cannot be opened, CanceledError when `feedback` is
/// canceled (netCDF files with thousands of time steps take a while).
MapLayer describeRasterFile(const QString& path, Feedback* feedback = nullptr);

/// What a background render produced: the colours and the values of the view grid.
struct RasterRender {
    QImage image;              ///< view-sized, nodata transparent
    std::vector<float> values; ///< view-sized, NaN outside / nodata
    int width = 0;
    int height = 0;
    Stretch stretch; ///< the stretch used (resolved when asked)
    QString error;
};

/// Renders a raster layer into `view` (a grid in the map CRS): reads the needed window at the
/// needed resolution (GDAL picks overviews), reprojects through lon/lat when the CRSs differ,
/// and colours it. Thread-safe (opens its own handle); never throws.
RasterRender renderRasterLayer(const MapLayer& layer, const geo::Grid& view);

} // namespace soilscope::widgets
