// MapCanvas and colour maps: rasters render on worker threads with nodata transparent,
// values under the cursor match the file, layers in another CRS are reprojected on the fly,
// and a raster layer exports as GeoTIFF with a QGIS style.
#include "base/error.h"
#include "geo/geotiff_writer.h"
#include "geo/netcdf_fixture.h"
#include "geo/netcdf_grid_variables.h"
#include "geo/raster.h"
#include "widgets/colour_map.h"
#include "widgets/figure_export.h"
#include "widgets/map_animation.h"
#include "widgets/map_canvas.h"
#include "widgets/station_store.h"

#include <gdal.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace soilscope;

namespace {
struct VideoInfo {
    QString codec;
    QSize size;
    int frames = 0;
};
/// The first video stream of a file as FFmpeg reads it: codec, size and frames.
VideoInfo readVideo(const QString& path) {
    VideoInfo info;
    AVFormatContext* format = nullptr;
    if (avformat_open_input(&format, path.toStdString().c_str(), nullptr, nullptr) < 0)
        return info;
    if (avformat_find_stream_info(format, nullptr) >= 0) {
        const int stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (stream >= 0) {
            const AVCodecParameters* p = format->streams[stream]->codecpar;
            info.codec = QString::fromLatin1(avcodec_get_name(p->codec_id));
            info.size = QSize(p->width, p->height);
            // The sample table's count (reading packets back can skip one of a 2-frame file
            // whose B-frame delay the MP4 edit list hides).
            info.frames = static_cast<int>(format->streams[stream]->nb_frames);
        }
    }
    avformat_close_input(&format);
    return info;
}
} // namespace

class TestMapCanvas : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir m_dir;
    QString m_utm;
    QString m_geo;

    /// 120 x 80 pixels of 100 m in UTM 31N; value = column + 1000 * row; a nodata block.
    static std::vector<float> field(int w, int h) {
        std::vector<float> v(static_cast<std::size_t>(w) * h);
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c)
                v[static_cast<std::size_t>(r) * w + c] =
                    (c < 10 && r < 10) ? std::nanf("") : float(c + 1000 * r);
        return v;
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_utm = m_dir.filePath(QStringLiteral("utm.tif"));
        const geo::Grid utm("EPSG:32631", {500000, 100, 0, 4800000, 0, -100}, 120, 80);
        geo::writeGeoTiff(m_utm.toStdString(), utm, field(120, 80));
        // The same area in lon/lat (coarser), values = 7 everywhere.
        const auto b = utm.bounds();
        const geo::LonLat sw = utm.mapToLonLat(b.xmin, b.ymin),
                          ne = utm.mapToLonLat(b.xmax, b.ymax);
        const geo::Grid g =
            geo::Grid::geographic(sw.lon - 0.05, sw.lat - 0.05, ne.lon + 0.05, ne.lat + 0.05, 0.01);
        m_geo = m_dir.filePath(QStringLiteral("geo.tif"));
        geo::writeGeoTiff(m_geo.toStdString(), g, std::vector<float>(g.pixelCount(), 7.0f));
    }

    void colourMaps() {
        const auto viridis = widgets::ColourMap::named(QStringLiteral("viridis"));
        QCOMPARE(QColor(viridis.at(0.0)).name(), QStringLiteral("#440154"));
        QCOMPARE(QColor(viridis.at(1.0)).name(), QStringLiteral("#fde725"));
        QCOMPARE(QColor(viridis.reversed().at(0.0)).name(), QStringLiteral("#fde725"));
        const auto rdbu = widgets::ColourMap::named(QStringLiteral("rdbu"));
        QCOMPARE(rdbu.kind(), widgets::ColourMap::Kind::Diverging);
        const QColor middle(rdbu.at(0.5)); // the neutral centre of a diverging map: near white
        QVERIFY(middle.red() >= 0xf4 && middle.green() >= 0xf4 && middle.blue() >= 0xf4);
        QVERIFY(QColor(rdbu.at(0.0)).red() > QColor(rdbu.at(0.0)).blue());
        const auto cat = widgets::ColourMap::categorical({Qt::red, Qt::green});
        QCOMPARE(QColor(cat.category(1)).name(), QStringLiteral("#00ff00"));
        QCOMPARE(qAlpha(cat.category(5)), 0);
    }

    void stretches() {
        std::vector<float> v;
        for (int i = 0; i <= 100; ++i)
            v.push_back(float(i));
        v.push_back(std::nanf(""));
        widgets::Stretch s;
        widgets::resolveStretch(s, v);
        QCOMPARE(s.low, 2.0);
        QCOMPARE(s.high, 98.0);
        s.mode = widgets::Stretch::Mode::MinMax;
        widgets::resolveStretch(s, v);
        QCOMPARE(s.low, 0.0);
        QCOMPARE(s.high, 100.0);
        const QImage img =
            widgets::renderValues({0.f, std::nanf(""), 100.f, 50.f}, 2, 2,
                                  widgets::ColourMap::named(QStringLiteral("viridis")), s);
        QCOMPARE(qAlpha(img.pixel(1, 0)), 0);
        QCOMPARE(QColor(img.pixel(0, 0)).name(), QStringLiteral("#440154"));
        QCOMPARE(QColor(img.pixel(0, 1)).name(), QStringLiteral("#fde725"));
    }

    void rendersValuesAndNodata() {
        widgets::MapCanvas canvas;
        canvas.resize(480, 320);
        QSignalSpy done(&canvas, &widgets::MapCanvas::renderFinished);
        const int index = canvas.addLayer(widgets::describeRasterFile(m_utm));
        QCOMPARE(canvas.mapCrsLabel(), QStringLiteral("EPSG:32631"));
        QVERIFY(done.wait(20000));
        // The centre of pixel (col 60, row 40) of the file.
        const QPointF pos = canvas.toScreen(500000 + 60.5 * 100, 4800000 - 40.5 * 100);
        QCOMPARE(canvas.valueAt(index, pos.toPoint()), 60.0 + 40000.0);
        const QPointF hole = canvas.toScreen(500000 + 5 * 100, 4800000 - 5 * 100);
        QVERIFY(std::isnan(canvas.valueAt(index, hole.toPoint())));
        QVERIFY(canvas.layer(index).stretchResolved);
        const QImage img = canvas.renderImage(QSize(480, 320));
        QCOMPARE(img.size(), QSize(480, 320));
        // Nodata shows the background, data shows a colour of the ramp.
        QCOMPARE(QColor(img.pixel(hole.toPoint())).name(), QStringLiteral("#f4f5f7"));
        QVERIFY(QColor(img.pixel(pos.toPoint())).name() != QStringLiteral("#f4f5f7"));
    }

    void reprojectsOnTheFly() {
        widgets::MapCanvas canvas;
        canvas.resize(480, 320);
        canvas.addLayer(widgets::describeRasterFile(m_utm));
        QSignalSpy done(&canvas, &widgets::MapCanvas::renderFinished);
        const int geo = canvas.addLayer(widgets::describeRasterFile(m_geo));
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!canvas.isRendering(), 20000);
        // The lon/lat layer covers the UTM extent after reprojection into EPSG:32631.
        const QPointF pos = canvas.toScreen(500000 + 60.5 * 100, 4800000 - 40.5 * 100);
        QCOMPARE(canvas.valueAt(geo, pos.toPoint()), 7.0);
        const auto extent = canvas.fullExtent();
        QVERIFY(extent);
        QVERIFY(extent->xmin < 500000 && extent->xmax > 512000);
    }

    void bordersAndGraticuleUnderTheStations() {
        if (widgets::ContextOutlines::worldMapPath().isEmpty())
            QSKIP("no world map (Debian's qgis-common) on this machine");
        // A uniform raster over the Gulf of Lion: the coast and the graticule must show on it.
        const geo::Grid g = geo::Grid::geographic(2.0, 42.0, 5.0, 44.5, 0.01);
        const QString path = m_dir.filePath(QStringLiteral("gulf.tif"));
        geo::writeGeoTiff(path.toStdString(), g, std::vector<float>(g.pixelCount(), 1.0f));
        widgets::MapCanvas canvas;
        canvas.resize(480, 400);
        canvas.addLayer(widgets::describeRasterFile(path));
        QTRY_VERIFY_WITH_TIMEOUT(canvas.contextReady(), 30000);
        QVERIFY2(canvas.contextLineCount() > 1000, qPrintable(canvas.contextStatus()));
        QTRY_VERIFY_WITH_TIMEOUT(!canvas.isRendering(), 20000);
        const QImage with = canvas.renderImage(QSize(480, 400));
        canvas.setContextVisible(false);
        const QImage without = canvas.renderImage(QSize(480, 400));
        int differing = 0;
        for (int y = 0; y < with.height(); y += 2)
            for (int x = 0; x < with.width(); x += 2)
                differing += with.pixel(x, y) != without.pixel(x, y);
        QVERIFY2(differing > 200, qPrintable(QString::number(differing)));

        // In a projected CRS the outlines are transformed too.
        widgets::MapCanvas utm;
        utm.resize(300, 200);
        utm.addLayer(widgets::describeRasterFile(m_utm));
        QTRY_VERIFY_WITH_TIMEOUT(utm.contextReady(), 30000);
        QVERIFY(utm.contextLineCount() > 1000);
    }

    void aMissingWorldMapIsSaid() {
        qputenv("SOILSCOPE_WORLD_MAP", m_dir.filePath(QStringLiteral("none.gpkg")).toUtf8());
        widgets::MapCanvas canvas;
        qunsetenv("SOILSCOPE_WORLD_MAP");
        QVERIFY(canvas.contextReady());
        QCOMPARE(canvas.contextLineCount(), 0);
        QVERIFY(canvas.contextStatus().contains(QStringLiteral("qgis-common")));
    }

    void exportsAnAnimationOfASeries() {
        const QString nc = QStringLiteral(SOILSCOPE_SHARED_DATA "/rasters/test_stageiv_xyt.nc");
        if (!QFile::exists(nc))
            QSKIP("shared data rasters/test_stageiv_xyt.nc is missing");
        widgets::MapCanvas canvas;
        canvas.resize(320, 240);
        const int index = canvas.addLayer(widgets::describeRasterFile(nc));
        const int steps = canvas.layer(index).bandCount;
        QVERIFY(steps > 1);
        const QString folder = m_dir.filePath(QStringLiteral("animation"));
        int calls = 0;
        const auto result = widgets::exportAnimation(canvas, index, folder, QSize(320, 240), 5,
                                                     [&](int done, int total) {
                                                         ++calls;
                                                         return done == calls && total == steps;
                                                     });
        QCOMPARE(result.frames.size(), steps);
        QCOMPARE(calls, steps);
        QCOMPARE(canvas.layer(index).band, 1); // the shown step is restored
        const QImage first(result.frames.front()), last(result.frames.back());
        QCOMPARE(first.size(), QSize(320, 240));
        QVERIFY(first != last); // another date, another field
        // The MP4 holds one H.264 frame per step at the map's size, read back by FFmpeg.
        QCOMPARE(result.video, folder + QStringLiteral("/animation.mp4"));
        const VideoInfo video = readVideo(result.video);
        QCOMPARE(video.codec, QStringLiteral("h264"));
        QCOMPARE(video.size, QSize(320, 240));
        QCOMPARE(video.frames, steps);
        QVERIFY(!QFileInfo::exists(result.video + QStringLiteral(".partial")));
        if (QStandardPaths::findExecutable(QStringLiteral("convert")).isEmpty())
            QVERIFY(result.note.contains(QStringLiteral("convert")));
        else
            QVERIFY2(QFileInfo::exists(result.gif), qPrintable(result.note));
        // Stopping after two frames keeps two.
        const auto stopped =
            widgets::exportAnimation(canvas, index, m_dir.filePath(QStringLiteral("stopped")),
                                     QSize(160, 120), 5, [](int done, int) { return done < 2; });
        QCOMPARE(stopped.frames.size(), 2);
        QCOMPARE(readVideo(stopped.video).frames, 2);
        QVERIFY_THROWS_EXCEPTION(soilscope::Error,
                                 widgets::exportAnimation(canvas, 7, folder, QSize(10, 10), 5));
    }

    void seriesLabelsAreIsoDates() {
        // The x-y-time NetCDF of precipitation: the time slider shows ISO dates, never CF offsets.
        const QString nc = QStringLiteral(SOILSCOPE_SHARED_DATA "/rasters/test_stageiv_xyt.nc");
        if (!QFile::exists(nc))
            QSKIP("shared data rasters/test_stageiv_xyt.nc is missing");
        const widgets::MapLayer layer = widgets::describeRasterFile(nc);
        QVERIFY(layer.bandCount > 1);
        QVERIFY(layer.hasTime);
        QCOMPARE(layer.bandLabels.size(), layer.bandCount);
        const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
        for (const QString& label : layer.bandLabels)
            QVERIFY2(iso.match(label).hasMatch(), qPrintable(label));
        qInfo("%s ... %s", qPrintable(layer.bandLabels.front()),
              qPrintable(layer.bandLabels.back()));
    }

    void aCurvilinearGridIsDrawnWhereItLies() {
        // Stage IV precipitation on 2-D longitude/latitude arrays: drawn warped through them on a
        // WGS 84 grid, each pixel's value where its coordinates say; its pixel series still reads.
        const QString nc = QStringLiteral(SOILSCOPE_SHARED_DATA "/rasters/test_stageiv_xyt.nc");
        if (!QFile::exists(nc))
            QSKIP("shared data rasters/test_stageiv_xyt.nc is missing");
        const widgets::MapLayer layer = widgets::describeRasterFile(nc);
        QCOMPARE(layer.source, nc);
        QCOMPARE(layer.grid.epsg().value_or(0), 4326);
        QCOMPARE(layer.bandCount, 23);
        QVERIFY(layer.hasTime);
        QCOMPARE(layer.units, QStringLiteral("kg m^-2"));
        const geo::Raster original(nc.toStdString()), drawn(layer.path.toStdString());
        QCOMPARE(drawn.bandCount(), 23);
        QVERIFY(drawn.grid().sameAs(layer.grid, 1e-9));
        const auto source = original.readBand(5), warped = drawn.readBand(5);
        int checked = 0;
        for (const auto& [col, row] : {std::pair{40, 60}, {20, 90}, {70, 30}, {60, 100}}) {
            const auto at = original.pixelToLonLat({{col + 0.5, row + 0.5}}).front();
            const auto px = layer.grid.mapToPixel(at.lon, at.lat);
            const float value =
                warped[std::size_t(px.row) * std::size_t(layer.grid.width()) + std::size_t(px.col)];
            bool nearby = false; // nearest through the arrays: this pixel or a neighbour
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc)
                    nearby =
                        nearby || source[std::size_t(row + dr) * std::size_t(original.width()) +
                                         std::size_t(col + dc)] == value;
            QVERIFY2(nearby,
                     qPrintable(QStringLiteral("pixel %1,%2: %3").arg(col).arg(row).arg(value)));
            checked += value > 0.0f ? 1 : 0;
        }
        QVERIFY(checked >= 1); // some rain among the pixels checked
        const auto at = original.pixelToLonLat({{40.5, 60.5}}).front();
        const auto series = widgets::sampleRasterAt(layer.path, at.lon, at.lat, layer.name);
        QCOMPARE(series.size(), std::size_t(23));
        QCOMPARE(QString::fromStdString(series.units), QStringLiteral("kg m^-2"));
    }

    void regularNetcdfSeriesAsGdalShowsIt() {
        // Described from its coordinates (no band-per-step view), drawn like any raster.
        const std::string file = m_dir.filePath(QStringLiteral("series.nc")).toStdString();
        geo_fixture::makeNetcdf(file, "days since 2020-01-01", "standard", {0, 1, 59, 365});
        const QString name = QString::fromStdString("NETCDF:\"" + file + "\":tsoil");
        widgets::MapLayer layer = widgets::describeRasterFile(name);
        const geo::Raster classic(name.toStdString());
        QCOMPARE(layer.bandCount, classic.bandCount());
        QVERIFY(layer.hasTime);
        QVERIFY(layer.grid.sameAs(classic.grid(), 1e-9));
        QCOMPARE(layer.units, QStringLiteral("K"));
        QCOMPARE(layer.bandLabels.at(2), QStringLiteral("2020-02-29T00:00:00Z"));
        QCOMPARE(layer.bandUnits.size(), 4);
        layer.band = 3;
        const geo::Grid& src = classic.grid();
        auto gt = src.geoTransform();
        gt[1] /= 16;
        gt[5] /= 16;
        const geo::Grid view(src.crsWkt(), gt, src.width() * 16, src.height() * 16);
        const auto drawn = widgets::renderRasterLayer(layer, view);
        const auto band = classic.readBand(3);
        for (int r = 0; r < src.height(); ++r)
            for (int c = 0; c < src.width(); ++c)
                QCOMPARE(drawn.values[std::size_t(16 * r + 8) * view.width() + 16 * c + 8],
                         band[std::size_t(r) * src.width() + c]);
    }

    void aNetcdfGridIsDrawnAsTheSameGeoTiff() {
        // A netCDF grid is drawn through the multidimensional reader (its own averaging when
        // zoomed out), a GeoTIFF through GDAL's raster view: the same values give the same map,
        // zoomed in, and within the field's variation between neighbours zoomed out.
        const geo::Grid grid = geo::Grid::geographic(0.0, 40.0, 20.0, 52.0, 0.1); // 200 x 120
        std::vector<float> values(grid.pixelCount());
        for (int r = 0; r < grid.height(); ++r)
            for (int c = 0; c < grid.width(); ++c)
                values[std::size_t(r) * 200 + std::size_t(c)] =
                    (r % 37 == 5 && c % 11 == 3) ? std::nanf("")
                                                 : float(0.2 + 0.1 * std::sin(0.05 * r + 0.03 * c));
        const std::string tif = m_dir.filePath(QStringLiteral("field.tif")).toStdString();
        const std::string nc = m_dir.filePath(QStringLiteral("field.nc")).toStdString();
        geo::writeGeoTiff(tif, grid, {values});
        {
            GDALDatasetH src = GDALOpen(tif.c_str(), GA_ReadOnly);
            GDALDatasetH dst = GDALCreateCopy(GDALGetDriverByName("netCDF"), nc.c_str(), src, FALSE,
                                              nullptr, nullptr, nullptr);
            QVERIFY(dst);
            GDALClose(dst);
            GDALClose(src);
        }
        QVERIFY(geo::netcdfGridVariable(nc)); // read without GDAL's raster view
        const widgets::MapLayer a = widgets::describeRasterFile(QString::fromStdString(tif));
        const widgets::MapLayer b = widgets::describeRasterFile(QString::fromStdString(nc));
        QVERIFY(a.grid.sameAs(b.grid, 1e-9));
        for (const int factor :
             {4, -8}) { // four source pixels per screen pixel; eight the other way
            auto gt = grid.geoTransform();
            const int w = factor > 0 ? grid.width() / factor : grid.width() * -factor;
            const int h = factor > 0 ? grid.height() / factor : grid.height() * -factor;
            gt[1] = 20.0 / w;
            gt[5] = -12.0 / h;
            const geo::Grid view(grid.crsWkt(), gt, w, h);
            const auto fromTif = widgets::renderRasterLayer(a, view);
            const auto fromNc = widgets::renderRasterLayer(b, view);
            QCOMPARE(fromNc.values.size(), fromTif.values.size());
            int drawn = 0;
            for (std::size_t i = 0; i < fromTif.values.size(); ++i) {
                const float x = fromTif.values[i], y = fromNc.values[i];
                // Zoomed out, GDAL weighs source pixels by the area they share with a screen
                // pixel, the reader takes whole pixels by their centres.
                const double tolerance = factor > 0 ? 0.005 : 1e-7;
                QVERIFY2(std::isnan(x) == std::isnan(y) &&
                             (std::isnan(x) || std::abs(x - y) < tolerance),
                         qPrintable(QStringLiteral("factor %1, pixel %2: %3 vs %4")
                                        .arg(factor)
                                        .arg(i)
                                        .arg(x)
                                        .arg(y)));
                drawn += std::isnan(x) ? 0 : 1;
            }
            QVERIFY(drawn > int(fromTif.values.size()) / 2);
        }
    }

    void cfOffsetsOfBandsAreDecoded() {
        // Bands of a time x depth variable (GDAL's NETCDF_DIM_* band metadata) are no single
        // series: each band is still labelled with its ISO date, not the CF offset.
        const QString path = m_dir.filePath(QStringLiteral("time_depth.tif"));
        const geo::Grid g = geo::Grid::geographic(2.0, 43.0, 2.2, 43.2, 0.1);
        geo::GeoTiffOptions options;
        options.metadata = {{"NETCDF_DIM_EXTRA", "{time,depth}"},
                            {"time#units", "hours since 2019-01-01 00:00:00"},
                            {"depth#units", "m"}};
        const std::vector<float> band(g.pixelCount(), 0.25f);
        geo::writeGeoTiff(path.toStdString(), g, {band, band}, options);
        {
            GDALDatasetH ds = GDALOpen(path.toUtf8().constData(), GA_Update);
            QVERIFY(ds);
            for (int b = 1; b <= 2; ++b) {
                GDALSetMetadataItem(GDALGetRasterBand(ds, b), "NETCDF_DIM_time", "36", nullptr);
                GDALSetMetadataItem(GDALGetRasterBand(ds, b), "NETCDF_DIM_depth",
                                    b == 1 ? "0.05" : "0.1", nullptr);
            }
            GDALClose(ds);
        }
        const widgets::MapLayer layer = widgets::describeRasterFile(path);
        QCOMPARE(layer.bandLabels.size(), 2);
        QCOMPARE(layer.bandLabels[0], QStringLiteral("2019-01-02T12:00:00Z, depth = 0.05 m"));
        QCOMPARE(layer.bandLabels[1], QStringLiteral("2019-01-02T12:00:00Z, depth = 0.1 m"));
    }

    void drawsOneBandOfAMultiBandRaster() {
        // A project layer that selects band 2 of a static three-band file shows band 2.
        const QString path = m_dir.filePath(QStringLiteral("static3.tif"));
        const geo::Grid g = geo::Grid::geographic(2.0, 43.0, 2.4, 43.4, 0.01);
        std::vector<std::vector<float>> bands;
        for (int b = 1; b <= 3; ++b) {
            std::vector<float> v(g.pixelCount());
            for (std::size_t i = 0; i < v.size(); ++i)
                v[i] = float(100 * b + int(i % 40));
            bands.push_back(std::move(v));
        }
        geo::writeGeoTiff(path.toStdString(), g, bands);
        widgets::MapCanvas canvas;
        canvas.resize(400, 400);
        widgets::MapLayer layer = widgets::describeRasterFile(path);
        QCOMPARE(layer.bandCount, 3);
        QVERIFY(!layer.hasTime);
        layer.band = 2;
        QSignalSpy done(&canvas, &widgets::MapCanvas::renderFinished);
        const int index = canvas.addLayer(layer);
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!canvas.isRendering(), 20000);
        const QPointF pos = canvas.toScreen(2.0 + 5.5 * 0.01, 43.4 - 3.5 * 0.01);
        QCOMPARE(canvas.valueAt(index, pos.toPoint()), 205.0);
        const QImage img = canvas.renderImage(QSize(400, 400));
        QVERIFY(QColor(img.pixel(pos.toPoint())).name() != QStringLiteral("#f4f5f7"));
    }

    void aRewrittenFileIsDrawnAnew() {
        // Drawings keep their raster open; a file written again under its name is reopened.
        const QString path = m_dir.filePath(QStringLiteral("rewritten.tif"));
        const geo::Grid g = geo::Grid::geographic(2.0, 43.0, 2.2, 43.2, 0.01);
        geo::writeGeoTiff(path.toStdString(), g, std::vector<float>(g.pixelCount(), 1.0f));
        const widgets::MapLayer layer = widgets::describeRasterFile(path);
        QCOMPARE(widgets::renderRasterLayer(layer, g).values.front(), 1.0f);
        QCOMPARE(widgets::renderRasterLayer(layer, g).values.front(), 1.0f);
        // Same size and layout: only the time stamp tells the files apart.
        QTest::qWait(20);
        geo::writeGeoTiff(path.toStdString(), g, std::vector<float>(g.pixelCount(), 2.0f));
        QCOMPARE(widgets::renderRasterLayer(layer, g).values.front(), 2.0f);
    }

    void aFittedViewStaysFittedAsTheWindowResizes() {
        // Zoomed to its stations, the map keeps them all in view, clear of the edges, when the
        // window takes another size; once the user zooms, a resize keeps the scale.
        widgets::MapCanvas canvas;
        canvas.resize(800, 600);
        canvas.show();
        widgets::MapLayer stations;
        stations.type = widgets::MapLayer::Type::Stations;
        stations.name = QStringLiteral("net");
        for (const auto& [lon, lat] : {std::pair{-121.0, 38.42}, {-120.82, 38.17}, {-120.8, 38.15}})
            stations.stations.push_back(
                {QStringLiteral("net"), QString::number(lon), lon, lat, {}});
        canvas.addLayer(stations);
        canvas.zoomToFullExtent();
        const auto allInside = [&] {
            for (const auto& s : stations.stations) {
                const QPointF p = canvas.toScreen(s.lon, s.lat);
                if (p.x() < 20 || p.y() < 20 || p.x() > canvas.width() - 20 ||
                    p.y() > canvas.height() - 20)
                    return false;
            }
            return true;
        };
        QVERIFY(allInside());
        canvas.resize(300, 500);
        QCoreApplication::processEvents();
        QVERIFY(allInside());
        canvas.resize(700, 200);
        QCoreApplication::processEvents();
        QVERIFY(allInside());
        canvas.zoomIn();
        const auto before = canvas.visibleBounds();
        canvas.resize(900, 400);
        QCoreApplication::processEvents();
        const auto after = canvas.visibleBounds();
        QVERIFY(std::abs(after.width() / 900 - before.width() / 700) < 1e-12);
    }

    void coloredMarkersHaveAColourBar() {
        // Markers coloured by a metric and no raster: the colour bar is the metric's, from its
        // lowest (dark end of viridis) to its highest value (yellow end).
        widgets::MapCanvas canvas;
        canvas.resize(400, 300);
        widgets::MapLayer stations;
        stations.type = widgets::MapLayer::Type::Stations;
        stations.name = QStringLiteral("cell");
        stations.colourMetric = QStringLiteral("mean sm (%)");
        for (int i = 0; i < 3; ++i) {
            widgets::StationMarker m{QStringLiteral("cell"), QString::number(i), 5.0 + i, 44.0, {}};
            m.metrics[stations.colourMetric] = 10.0 * (i + 1);
            stations.stations.push_back(m);
        }
        canvas.addLayer(stations);
        canvas.zoomToFullExtent();
        const QImage image = canvas.renderImage(QSize(400, 300));
        const int w = std::min(238, std::max(120, 400 / 2 - 12));
        const int barLeft = 400 - w - 12 + 10, barRight = 400 - 12 - 10, barY = 300 - 62 + 22 + 6;
        const QColor low = image.pixelColor(barLeft + 3, barY);
        const QColor high = image.pixelColor(barRight - 3, barY);
        QVERIFY2(low.blue() > low.green() && low.lightness() < 100, qPrintable(low.name()));
        QVERIFY2(high.red() > 150 && high.green() > 150 && high.blue() < 120,
                 qPrintable(high.name()));
    }

    void denseMarkersShrinkToTheirSpacing() {
        // A product's grid points 0.1° apart, seen over 4°: each marker stays within its own
        // spacing (the background shows between neighbours); a lone station keeps its size.
        widgets::MapCanvas canvas;
        canvas.resize(400, 400);
        widgets::MapLayer grid;
        grid.type = widgets::MapLayer::Type::Stations;
        grid.name = QStringLiteral("cell");
        for (int i = 0; i < 40; ++i)
            for (int j = 0; j < 40; ++j)
                grid.stations.push_back({QStringLiteral("cell"),
                                         QString::number(i * 40 + j),
                                         5.0 + 0.1 * i,
                                         40.0 + 0.1 * j,
                                         {}});
        canvas.addLayer(grid);
        canvas.zoomToFullExtent();
        QImage image = canvas.renderImage(QSize(400, 400));
        const QPointF a = canvas.toScreen(7.0, 42.0), b = canvas.toScreen(7.1, 42.0);
        QVERIFY(b.x() - a.x() < 12); // closer than two full-size markers
        const QColor marker(0xe6, 0x55, 0x0d);
        QCOMPARE(image.pixelColor(a.toPoint()), marker);
        QVERIFY(image.pixelColor(((a + b) / 2).toPoint()) != marker);
        widgets::MapLayer lone;
        lone.type = widgets::MapLayer::Type::Stations;
        lone.name = QStringLiteral("station");
        lone.stations.push_back({QStringLiteral("net"), QStringLiteral("one"), 6.55, 41.05, {}});
        canvas.addLayer(lone);
        image = canvas.renderImage(QSize(400, 400));
        const QPointF c = canvas.toScreen(6.55, 41.05);
        QCOMPARE(image.pixelColor((c + QPointF(3.5, 0)).toPoint()), marker);
    }

    void clickReportsTheLocation() {
        widgets::MapCanvas canvas;
        canvas.resize(480, 320);
        canvas.addLayer(widgets::describeRasterFile(m_geo));
        QSignalSpy clicked(&canvas, &widgets::MapCanvas::locationClicked);
        const QPoint pos(200, 150);
        QTest::mouseClick(&canvas, Qt::LeftButton, {}, pos);
        QCOMPARE(clicked.count(), 1);
        const geo::MapPoint mp = canvas.toMap(pos);
        QVERIFY(std::abs(clicked[0][0].toDouble() - mp.x) < 1e-9);
        QVERIFY(std::abs(clicked[0][1].toDouble() - mp.y) < 1e-9);
        // The identify tool reports values instead.
        canvas.setTool(widgets::MapCanvas::Tool::Identify);
        QTest::mouseClick(&canvas, Qt::LeftButton, {}, pos);
        QCOMPARE(clicked.count(), 1);
    }

    void exportsGeoTiffWithStyle() {
        widgets::MapLayer layer = widgets::describeRasterFile(m_utm);
        layer.stretch = {widgets::Stretch::Mode::Manual, 2, 98, 0.0, 50000.0};
        layer.stretchResolved = true;
        const QString out = m_dir.filePath(QStringLiteral("out.tif"));
        widgets::exportRasterGeoTiff(layer, out);
        const geo::Raster r(out.toStdString());
        QCOMPARE(r.width(), 120);
        QCOMPARE(r.readWindow(1, 60, 40, 1, 1)[0], 40060.0f);
        QFile qml(m_dir.filePath(QStringLiteral("out.qml")));
        QVERIFY(qml.open(QIODevice::ReadOnly));
        const QString style = QString::fromUtf8(qml.readAll());
        QVERIFY(style.contains(QStringLiteral("singlebandpseudocolor")));
        QVERIFY(style.contains(QStringLiteral("color=\"#440154\"")));
        QVERIFY(style.contains(QStringLiteral("maximumValue=\"50000\"")));
    }
};

QTEST_MAIN(TestMapCanvas)
#include "test_map_canvas.moc"
