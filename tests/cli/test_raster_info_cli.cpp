#include "geo/geotiff_writer.h"
#include "geo/netcdf_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(SOILSCOPE_CLI), args);
    CliRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString shared(const char* file) {
    return QStringLiteral(SOILSCOPE_SHARED_DATA) + "/rasters/" + file;
}

QJsonObject parse(const CliRun& r) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "bad JSON:" << error.errorString() << r.out;
    return doc.object();
}

} // namespace

class TestRasterInfoCli : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
    }

    void landsatJson() {
        if (!QFileInfo::exists(shared("L7_ETMs.tif")))
            QSKIP("shared raster data missing");
        const CliRun r = runCli({"raster-info", "--input", shared("L7_ETMs.tif"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parse(r);
        QCOMPARE(j["path"].toString(), shared("L7_ETMs.tif"));
        QCOMPARE(j["driver"].toString(), QString("GTiff"));
        QCOMPARE(j["width"].toInt(), 349);
        QCOMPARE(j["height"].toInt(), 352);
        QCOMPARE(j["epsg"].toInt(), 31985);
        QVERIFY(j["crs_wkt"].toString().contains("UTM zone 25S"));
        const QJsonArray gt = j["geotransform"].toArray();
        QCOMPARE(gt.size(), 6);
        QVERIFY(std::abs(gt[0].toDouble() - 288776.25) < 1e-3);
        QVERIFY(std::abs(gt[1].toDouble() - 28.5) < 1e-6);
        QVERIFY(std::abs(gt[5].toDouble() + 28.5) < 1e-6);
        QVERIFY(j.contains("nodata") && j["nodata"].isNull());
        const QJsonArray vars = j["variables"].toArray();
        QCOMPARE(vars.size(), 1);
        const QJsonObject v = vars[0].toObject();
        QCOMPARE(v["name"].toString(), QString("L7_ETMs"));
        QCOMPARE(v["bands"].toInt(), 6);
        QCOMPARE(v["dtype"].toString(), QString("Byte"));
        QVERIFY(v["times"].isArray() && v["times"].toArray().isEmpty());
    }

    void elevationNodataAndHumanSummary() {
        if (!QFileInfo::exists(shared("elev.tif")))
            QSKIP("shared raster data missing");
        const QJsonObject j =
            parse(runCli({"raster-info", "--input", shared("elev.tif"), "--json"}));
        QCOMPARE(j["nodata"].toDouble(), -32768.0);
        QCOMPARE(j["epsg"].toInt(), 4326);
        QCOMPARE(j["variables"].toArray()[0].toObject()["name"].toString(), QString("elevation"));
        QCOMPARE(j["variables"].toArray()[0].toObject()["dtype"].toString(), QString("Int16"));
        const CliRun human = runCli({"raster-info", "--input", shared("elev.tif")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("EPSG:4326"));
        QVERIFY(human.out.contains("95 x 90"));
        QVERIFY(human.out.contains("-32768"));
    }

    void netcdfTimes() {
        if (!QFileInfo::exists(shared("test_stageiv_xyt.nc")))
            QSKIP("shared raster data missing");
        const CliRun r =
            runCli({"raster-info", "--input", shared("test_stageiv_xyt.nc"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parse(r);
        QCOMPARE(j["driver"].toString(), QString("netCDF"));
        QCOMPARE(j["width"].toInt(), 87);
        QCOMPARE(j["height"].toInt(), 118);
        QVERIFY(j["epsg"].isNull());
        const QJsonArray vars = j["variables"].toArray();
        QCOMPARE(vars.size(), 1); // lat and lon are coordinates, not variables
        const QJsonObject v = vars[0].toObject();
        QCOMPARE(v["name"].toString(), QString("Total_precipitation_surface_1_Hour_Accumulation"));
        QCOMPARE(v["units"].toString(), QString("kg m^-2"));
        const QJsonArray times = v["times"].toArray();
        QCOMPARE(times.size(), 23);
        QCOMPARE(times[0].toString(), QString("2018-09-13T19:00:00Z"));
        QCOMPARE(times[22].toString(), QString("2018-09-14T17:00:00Z"));
    }

    void isoBandDescriptionsBecomeTimes() {
        QTemporaryDir dir;
        const QString path = dir.filePath("stack.tif");
        const auto grid = soilscope::geo::Grid::geographic(0, 0, 1, 1, 0.5);
        soilscope::geo::GeoTiffOptions o;
        o.bandDescriptions = {"2021-05-01", "2021-05-02"};
        soilscope::geo::writeGeoTiff(path.toStdString(), grid,
                                     {std::vector<float>(4, 1.0f), std::vector<float>(4, 2.0f)}, o);
        const QJsonObject j = parse(runCli({"raster-info", "--input", path, "--json"}));
        const QJsonArray times = j["variables"].toArray()[0].toObject()["times"].toArray();
        QCOMPARE(times.size(), 2);
        // A date only labels a daily mean: 12:00 UTC, or the time of day --daily-time gives.
        QCOMPARE(times[1].toString(), QString("2021-05-02T12:00:00Z"));
        QVERIFY(j["nodata"].isNull());
        const QJsonObject midnight =
            parse(runCli({"raster-info", "--input", path, "--daily-time", "00:00", "--json"}));
        QCOMPARE(midnight["variables"].toArray()[0].toObject()["times"].toArray()[1].toString(),
                 QString("2021-05-02T00:00:00Z"));
        const CliRun bad = runCli({"raster-info", "--input", path, "--daily-time=25:00"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--daily-time"), bad.err.constData());
        QVERIFY(runCli({"help", "raster-info"}).out.contains("--daily-time HH:MM"));
    }

    void multiVariableNetcdfListsEveryVariable() {
        QTemporaryDir dir;
        const QString path = dir.filePath("two_vars.nc");
        geo_fixture::makeNetcdf(path.toStdString(), "days since 2001-02-27", "noleap", {0, 1, 2});
        const CliRun r = runCli({"raster-info", "--input", path, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parse(r);
        QCOMPARE(j["width"].toInt(), 4);
        QCOMPARE(j["height"].toInt(), 3);
        QCOMPARE(j["epsg"].toInt(), 4326);
        const QJsonArray vars = j["variables"].toArray();
        QCOMPARE(vars.size(), 2);
        QCOMPARE(vars[0].toObject()["name"].toString(), QString("sm"));
        QCOMPARE(vars[1].toObject()["name"].toString(), QString("tsoil"));
        QCOMPARE(vars[1].toObject()["units"].toString(), QString("K"));
        for (const auto& v : vars) {
            const QJsonArray times = v.toObject()["times"].toArray();
            QCOMPARE(times.size(), 3);
            QCOMPARE(times[2].toString(),
                     QString("2001-03-01T00:00:00Z")); // noleap: no 29 February
        }
    }

    void brokenNetcdfIsAUserError() {
        if (!QFileInfo::exists(shared("test_stageiv_xyt_borked.nc")))
            QSKIP("shared raster data missing");
        const CliRun r =
            runCli({"raster-info", "--input", shared("test_stageiv_xyt_borked.nc"), "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("test_stageiv_xyt_borked.nc"), r.err.constData());
        QVERIFY(r.out.trimmed().isEmpty());
    }

    void missingFileAndBadUsage() {
        const CliRun missing = runCli({"raster-info", "--input", "/nonexistent/dir/x.tif"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("/nonexistent/dir/x.tif"));
        QCOMPARE(runCli({"raster-info"}).exitCode, 2);
        QCOMPARE(runCli({"raster-info", "--input", "a.tif", "--bogus", "1"}).exitCode, 2);
        const CliRun help = runCli({"help", "raster-info"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--input"));
    }
};

QTEST_APPLESS_MAIN(TestRasterInfoCli)
#include "test_raster_info_cli.moc"
