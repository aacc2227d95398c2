// Folders of products: ASCAT cells with and without the grid file, ESA CCI SM daily images with
// their observation times (t0) and flags, and the one entry readPointSeries.
#include "products_test_support.h"

#include "base/error.h"
#include "base/feedback.h"
#include "base/time_utils.h"
#include "geo/cf_time.h"
#include "products/cell_folder.h"
#include "products/image_folder.h"
#include "products/point_source.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::products;
namespace fs = std::filesystem;

namespace {

class QuietFeedback : public Feedback {
  protected:
    void onProgress(double) override {}
    void onMessage(MessageLevel, const std::string&) override {}
};

/// A TUW-style grid file: gpi, lon, lat and cell of the given points.
void writeGrid(const std::string& path, const std::vector<int>& gpi, const std::vector<float>& lon,
               const std::vector<float>& lat, const std::vector<int>& cell) {
    int nc = -1, d = -1, vg, vx, vy, vc;
    products_test::ok(nc_create(path.c_str(), NC_CLOBBER | NC_NETCDF4, &nc));
    products_test::ok(nc_def_dim(nc, "gp", gpi.size(), &d));
    products_test::ok(nc_def_var(nc, "gpi", NC_INT, 1, &d, &vg));
    products_test::ok(nc_def_var(nc, "lon", NC_FLOAT, 1, &d, &vx));
    products_test::ok(nc_def_var(nc, "lat", NC_FLOAT, 1, &d, &vy));
    products_test::ok(nc_def_var(nc, "cell", NC_INT, 1, &d, &vc));
    products_test::ok(nc_enddef(nc));
    products_test::ok(nc_put_var_int(nc, vg, gpi.data()));
    products_test::ok(nc_put_var_float(nc, vx, lon.data()));
    products_test::ok(nc_put_var_float(nc, vy, lat.data()));
    products_test::ok(nc_put_var_int(nc, vc, cell.data()));
    products_test::ok(nc_close(nc));
}

double rawAt(const std::string& path, const char* variable, std::size_t row, std::size_t col) {
    int nc = -1, v = -1;
    products_test::ok(nc_open(path.c_str(), NC_NOWRITE, &nc));
    products_test::ok(nc_inq_varid(nc, variable, &v));
    const std::size_t index[3] = {0, row, col};
    double value = 0;
    products_test::ok(nc_get_var1_double(nc, v, index, &value));
    nc_close(nc);
    return value;
}

} // namespace

class TestProductFolders : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QuietFeedback m_feedback;

  private Q_SLOTS:
    void cellFolderFindsTheNearestGridPoint() {
        QVERIFY(m_dir.isValid());
        const fs::path folder = m_dir.filePath("cells").toStdString();
        fs::create_directories(folder);
        auto a = products_test::contiguousExample();
        products_test::writePointFile((folder / "WARP_0001.nc").string(), a);
        auto b = products_test::contiguousExample();
        b.lon = {20.0f, 21.0f, 22.0f};
        b.gpi = {400, 500, 600};
        products_test::writePointFile((folder / "WARP_0002.nc").string(), b);
        QCOMPARE(recogniseProduct(folder), ProductKind::CellFolder);

        const CellFolder cells(folder);
        QCOMPARE(cells.cells().size(), std::size_t(2));
        QVERIFY(cells.gridFile().empty());
        auto found = cells.nearest(21.1, 44.5);
        QCOMPARE(found.cell.filename().string(), std::string("WARP_0002.nc"));
        QCOMPARE(found.location, std::size_t(1));
        QCOMPARE(cells.findId(300).location, std::size_t(2));

        // With the grid file the cell comes from the grid (here it lists only cell 1).
        writeGrid((folder / "grid.nc").string(), {100, 200, 300}, {5, 6, 7}, {44, 44.5, 45},
                  {1, 1, 1});
        const CellFolder withGrid(folder);
        QCOMPARE(withGrid.gridFile().filename().string(), std::string("grid.nc"));
        found = withGrid.nearest(6.9, 45.0);
        QCOMPARE(found.cell.filename().string(), std::string("WARP_0001.nc"));
        QCOMPARE(found.location, std::size_t(2));
        QVERIFY(found.distanceKm < 10.0);

        PointQuery q;
        q.lon = 6.1;
        q.lat = 44.5;
        const auto s = readPointSeries(folder, q, m_feedback);
        QCOMPARE(s.series.size(), std::size_t(0)); // gpi 200 has no observations
        QVERIFY(s.description.find("location 200") != std::string::npos);
        q.lon = 30.0;
        const auto anyDistance = readPointSeries(folder, q, m_feedback);
        QVERIFY(anyDistance.distanceKm > 1500);
        q.maxDistanceKm = 25.0;
        bool refused = false;
        try {
            readPointSeries(folder, q, m_feedback);
        } catch (const Error& e) {
            refused = std::string(e.what()).find("farther than the 25.0 km") != std::string::npos;
        }
        QVERIFY(refused);
    }

    void cciFolderUsesObservationTimesAndFlags() {
        PRODUCTS_REQUIRE_DATA();
        const fs::path folder = products_test::cciFolder();
        QCOMPARE(recogniseProduct(folder), ProductKind::ImageFolder);
        const ImageFolder images(folder);
        QCOMPARE(images.files().size(), std::size_t(2));
        QCOMPARE(formatIsoDate(images.files().front().time), std::string("2016-06-07"));

        // A point in Ukraine (0.25° grid: row of 50.125 N, column of 25.125 E).
        const double lon = 25.1, lat = 50.1;
        const auto series = images.seriesAt({{lon, lat}}, "sm", {});
        const auto& s = series.front().series;
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(s.units), QStringLiteral("m3 m-3"));
        const std::size_t row = 159, col = 820;
        const std::string first = images.files().front().path.string();
        const double t0 = rawAt(first, "t0", row, col);
        const TimePoint expected =
            geo::cfToTime(t0, geo::parseCfTimeUnits("days since 1970-01-01"));
        QCOMPARE(formatIsoTime(s.times.front()), formatIsoTime(expected));
        QCOMPARE(s.values.front(), double(float(rawAt(first, "sm", row, col))));

        // The flag mask removes what the flag says.
        const double flag = rawAt(first, "flag", row, col);
        const auto masked =
            images.seriesAt({{lon, lat}}, "sm", ObservationMask::parse("flag == 0"));
        QVERIFY(flag == 0 ? masked.front().masked <= 1 : masked.front().masked >= 1);

        // A point off the grid gives an empty series.
        QCOMPARE(images.seriesAt({{200.0, 0.0}}, "sm", {}).front().observations, std::size_t(0));
    }

    void manyPointsDecodeChunksAsTheLibraryDoes() {
        // Above 32 points the images' chunks are read as stored and decoded on several threads;
        // every series equals the one the netCDF library gives point by point, mask included.
        PRODUCTS_REQUIRE_DATA();
        const ImageFolder images(products_test::cciFolder());
        std::vector<std::pair<double, double>> points;
        for (int i = 0; i < 60; ++i) // land and sea, both hemispheres, a point off the grid
            points.emplace_back(-170.0 + 5.7 * i, -55.0 + 1.9 * i);
        points.emplace_back(200.0, 0.0);
        const auto mask = ObservationMask::parse("flag == 0");
        const auto many = images.seriesAt(points, "sm", mask);
        QCOMPARE(many.size(), points.size());
        std::size_t observed = 0;
        for (std::size_t p = 0; p < points.size(); ++p) {
            const auto one = images.seriesAt({points[p]}, "sm", mask).front();
            QCOMPARE(many[p].observations, one.observations);
            QCOMPARE(many[p].masked, one.masked);
            QCOMPARE(many[p].series.times, one.series.times);
            QCOMPARE(many[p].series.values, one.series.values);
            observed += one.series.size();
        }
        QVERIFY(observed > 10);
    }

    void cciImagesWithoutObservationTimeAreDailyMeans() {
        // Without t0 a daily image's value is the day's mean: labelled 12:00 UTC.
        PRODUCTS_REQUIRE_DATA();
        const QString nccopy = QStandardPaths::findExecutable(QStringLiteral("nccopy"));
        if (nccopy.isEmpty())
            QSKIP("nccopy (netcdf-bin) is not installed");
        const fs::path folder = m_dir.filePath("cci-no-t0").toStdString();
        fs::create_directories(folder);
        const auto src = ImageFolder(products_test::cciFolder()).files().front().path;
        QCOMPARE(
            QProcess::execute(nccopy, {QStringLiteral("-V"), QStringLiteral("lat,lon,time,sm"),
                                       QString::fromStdString(src.string()),
                                       QString::fromStdString((folder / src.filename()).string())}),
            0);
        const auto series = ImageFolder(folder).seriesAt({{25.1, 50.1}}, "sm", {});
        QCOMPARE(series.front().series.size(), std::size_t(1));
        QCOMPARE(formatIsoTime(series.front().series.times.front()),
                 std::string("2016-06-07T12:00:00Z"));
    }

    void twoFilesOfOneDateAreRefused() {
        PRODUCTS_REQUIRE_DATA();
        const fs::path folder = m_dir.filePath("cci").toStdString();
        fs::create_directories(folder / "a");
        fs::create_directories(folder / "b");
        const auto src = ImageFolder(products_test::cciFolder()).files().front().path;
        fs::copy_file(src, folder / "a" / src.filename());
        fs::copy_file(src, folder / "b" / src.filename());
        bool refused = false;
        try {
            ImageFolder f(folder);
        } catch (const Error& e) {
            refused = std::string(e.what()).find("two files of the same date") != std::string::npos;
        }
        QVERIFY(refused);
    }
};

QTEST_APPLESS_MAIN(TestProductFolders)
#include "test_product_folders.moc"
