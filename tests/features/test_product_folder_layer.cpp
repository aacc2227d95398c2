// A folder of ESA CCI SM daily images is a project layer like any raster series: one band per
// day (labelled 12:00 UTC, the daily mean), the values the files hold, resampled onto a sample
// grid as any layer is; a folder of something else is refused by name. A parameter of a GRIB
// file of several is a layer of its own.
#include "base/error.h"
#include "base/time_utils.h"
#include "features/layer_source.h"
#include "geo/grib_fixture.h"
#include "geo/raster.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
namespace fs = std::filesystem;

class TestProductFolderLayer : public QObject {
    Q_OBJECT
    const fs::path m_folder =
        fs::path(SOILSCOPE_SHARED_DATA) / "products/esa_cci_sm/v04.2/combined";

  private Q_SLOTS:
    void cciImagesAreASeries() {
        if (!fs::is_directory(m_folder))
            QSKIP("shared data products/esa_cci_sm is missing");
        const auto layer = features::LayerSource::open("coarse_sm", m_folder, "sm", "auto");
        QCOMPARE(layer->times().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(formatIsoTime(layer->times().front())),
                 QStringLiteral("2016-06-07T12:00:00Z"));
        QCOMPARE(layer->grid().width(), 1440);
        QCOMPARE(layer->grid().height(), 720);
        QCOMPARE(QString::fromStdString(layer->path()), QString::fromStdString(m_folder.string()));
        // Every pixel of day 1 equals the file's own sm (GDAL's reading of the variable).
        const fs::path first =
            m_folder / "ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc";
        const geo::Raster file("NETCDF:\"" + first.string() + "\":sm");
        const geo::Window all{0, 0, 1440, 720};
        const auto fromLayer = layer->read(1, all);
        const auto fromFile = file.readWindow(1, 0, 0, 1440, 720);
        std::size_t finite = 0;
        for (std::size_t i = 0; i < fromLayer.size(); ++i) {
            QVERIFY(fromLayer[i] == fromFile[i] ||
                    (std::isnan(fromLayer[i]) && std::isnan(fromFile[i])));
            finite += std::isfinite(fromLayer[i]) ? 1 : 0;
        }
        QVERIFY(finite > 100000);
        // Onto a 1° grid over Europe by averaging, as a project's "resample" does.
        const geo::Grid europe("EPSG:4326", {-10.0, 1.0, 0.0, 60.0, 0.0, -1.0}, 50, 25);
        const auto coarse = layer->resampledTo(europe, geo::Resampling::Average);
        const auto values = coarse->read(2, {0, 0, 50, 25});
        QVERIFY(std::count_if(values.begin(), values.end(), [](float v) {
                    return std::isfinite(v) && v >= 0.0f && v <= 1.0f;
                }) > 100);
    }

    void aParameterOfAGribIsALayer() {
        // A project's layer {"path": "tq.grb2", "variable": "SPFH"}: that parameter's messages,
        // dated, not the file's bands of both parameters.
        QTemporaryDir dir;
        const std::string grib = dir.filePath("tq.grb2").toStdString();
        geo_fixture::makeTwoParameterGrib(grib, dir.filePath("part.grb2").toStdString());
        const auto layer = features::LayerSource::open("humidity", grib, "SPFH", "series");
        QCOMPARE(layer->times().size(), std::size_t(2));
        QCOMPARE(formatIsoTime(layer->times()[1]), std::string("2019-03-01T01:00:00Z"));
        const auto second = layer->read(2, {0, 0, 4, 3});
        QCOMPARE(second.size(), std::size_t(12));
        QCOMPARE(second[5], 1.01f);
    }

    void aFolderMixingVersionsIsRefused() {
        // products/esa_cci_sm holds v04.2 COMBINED (m3 m-3) and v05.2 ACTIVE (% saturation).
        const fs::path root = m_folder.parent_path().parent_path();
        if (!fs::is_directory(root / "v05.2"))
            QSKIP("shared data products/esa_cci_sm/v05.2 is missing");
        try {
            features::LayerSource::open("coarse_sm", root, "sm", "auto");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.message()).contains(QStringLiteral("mixes")) &&
                         QString::fromStdString(e.message()).contains(QStringLiteral("fv05.2.nc")),
                     e.what());
        }
    }

    void aFolderOfSomethingElseIsRefused() {
        QTemporaryDir dir;
        try {
            features::LayerSource::open("coarse_sm", dir.path().toStdString(), "", "auto");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.message()).contains(QStringLiteral("CCI")), e.what());
            QCOMPARE(QString::fromStdString(e.context()), dir.path());
        }
    }
};

QTEST_APPLESS_MAIN(TestProductFolderLayer)
#include "test_product_folder_layer.moc"
