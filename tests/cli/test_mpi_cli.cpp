// soilscope-cli under mpirun (issue 18): sweep, search, predict and station-metrics give the same
// results with 2 ranks as with one process (same metrics, byte-identical maps and tables); a
// failure on the ranks ends the job with one clear error; a run killed mid-way is completed by
// --resume with the same results.
#include "cli/cli_test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using namespace soilscope::test;

namespace {

/// Open MPI refuses root unless told (CI runs as root).
const QList<QPair<QString, QString>> kMpiAsRoot{{"OMPI_ALLOW_RUN_AS_ROOT", "1"},
                                                {"OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"}};

/// The arguments of mpirun that start soilscope-cli with ARGS on N ranks.
QStringList onRanks(int ranks, const QStringList& args) {
    return QStringList{"--oversubscribe", "-np", QString::number(ranks), SOILSCOPE_CLI} + args;
}

CliRun runRanks(int ranks, const QStringList& args) {
    return runProgram(QStringLiteral(SOILSCOPE_MPIEXEC), onRanks(ranks, args), kMpiAsRoot);
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestMpiCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_project;
    QString m_units; // where the project's runs commit their units

    QStringList sweepArgs(const QString& out, int repeats, int epochs) const {
        return {"sweep",
                "--project",
                m_project,
                "--sizes",
                "0.25,0.5,0.75,1",
                "--repeats",
                QString::number(repeats),
                "--epochs",
                QString::number(epochs),
                "--device",
                "cpu",
                "--out",
                out,
                "--json"};
    }

    /// Units committed so far in a project's ledgers (sweep ledgers hold them directly,
    /// workload ledgers in one folder per call).
    static int committedUnits(const QString& ledgers) {
        int committed = 0;
        QDirIterator it(ledgers, {"unit-*.json"}, QDir::Files, QDirIterator::Subdirectories);
        for (; it.hasNext(); it.next())
            ++committed;
        return committed;
    }

    /// Starts ARGS on two ranks and kills every rank (and mpirun) with SIGKILL, found by
    /// `marker` in their command lines, once three units are committed in `ledgers`.
    void killOnceCommitted(const QStringList& args, const QString& marker, const QString& ledgers) {
        QProcess job;
        auto env = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] : kMpiAsRoot)
            env.insert(name, value);
        job.setProcessEnvironment(env);
        job.start(QStringLiteral(SOILSCOPE_MPIEXEC), onRanks(2, args));
        QVERIFY(job.waitForStarted());
        QElapsedTimer waited;
        waited.start();
        while (committedUnits(ledgers) < 3 && waited.elapsed() < 120000 &&
               job.state() == QProcess::Running)
            QThread::msleep(20);
        QVERIFY2(job.state() == QProcess::Running, "the run finished before it could be killed");
        QProcess::execute("pkill", {"-KILL", "-f", marker});
        job.waitForFinished(30000);
    }

  private Q_SLOTS:
    void initTestCase() {
        if (QStringLiteral(SOILSCOPE_MPIEXEC).isEmpty())
            QSKIP("built without MPI (SOILSCOPE_MPI=OFF)");
        QVERIFY(m_tmp.isValid());
        const QString twin = m_tmp.filePath("twin");
        const auto demo = runCli({"demo", "--out", twin, "--preset", "tiny", "--quiet"});
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        m_project = twin + "/projects/mlp.soilscope.json";
        m_units = twin + "/runs_mpi/units";
        writeTestFile(m_project, R"({"format": "soilscope-project", "version": 1, "name": "mlp",
          "data": {"static": {"path": "../static/static_0p25deg.tif", "band": 1},
                   "sand": {"path": "../static/static_0p25deg.tif", "band": 4},
                   "target": {"path": "../cci/cci_sm_daily_0p25deg.nc", "variable": "sm"}},
          "predictors": [{"name": "elevation", "kind": "band", "role": "static"},
                         {"name": "sand", "kind": "band", "role": "sand"},
                         {"name": "doy_sin", "kind": "calendar", "quantity": "doy_sin",
                          "normaliser": "none"}],
          "target": {"role": "target", "kind": "grid", "valid_range": [0, 1]},
          "samples": {"layout": "tabular", "from": "2019-05-01", "to": "2019-06-30",
                      "max_samples": 1200},
          "split": {"scheme": "random", "test_fraction": 0.3, "validation_fraction": 0.2,
                    "seed": 1},
          "model": {"family": "mlp", "params": {"layers": 1, "width": 8}},
          "training": {"epochs": 4, "batch_size": 64, "seed": 42},
          "outputs": {"folder": "../runs_mpi"}})");
    }

    void sweepAndSearchAreTheSameOnTwoRanks() {
        const auto one = runCli(sweepArgs(m_tmp.filePath("sweep1"), 2, 20));
        QVERIFY2(one.exitCode == 0, one.err.constData());
        const auto two = runRanks(2, sweepArgs(m_tmp.filePath("sweep2"), 2, 20));
        QVERIFY2(two.exitCode == 0, two.err.constData());
        QCOMPARE(two.json()["units"].toObject()["processes"].toInt(), 2);
        QCOMPARE(two.json()["units"].toObject()["computed"].toInt(), 8);
        const QByteArray csv = fileBytes(m_tmp.filePath("sweep1/sweep.csv"));
        QVERIFY(csv.count('\n') == 9);
        QCOMPARE(fileBytes(m_tmp.filePath("sweep2/sweep.csv")), csv);
        // rank 1 printed nothing: stdout is one JSON document
        QVERIFY(!two.json().isEmpty());
        QVERIFY(!QDir(m_units).exists()); // committed units go once the run is finished

        const QStringList search{"search", "--project", m_project, "--draws",
                                 "5",      "--device",  "cpu",     "--json"};
        const auto s1 = runCli(search);
        const auto s2 = runRanks(2, search);
        QVERIFY2(s1.exitCode == 0 && s2.exitCode == 0, (s1.err + s2.err).constData());
        QCOMPARE(s2.json()["draws"].toArray(), s1.json()["draws"].toArray());
        QCOMPARE(s2.json()["honest"].toObject(), s1.json()["honest"].toObject());
        QCOMPARE(s2.json()["oracle"].toObject(), s1.json()["oracle"].toObject());
    }

    void predictWritesTheSameBytesOnTwoRanks() {
        const auto train = runCli({"train", "--project", m_project, "--device", "cpu", "--json"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        const QString bundle = train.json()["bundle"].toString();
        const QString stat = m_tmp.filePath("twin/static/static_0p25deg.tif");
        const QString inputs = "static=" + stat + "#1,sand=" + stat + "#4";
        auto predict = [&](const QString& out, const QString& dates) {
            return QStringList{"predict", "--model", bundle,   "--inputs", inputs,  "--date", dates,
                               "--masks", "false",   "--tile", "16",       "--out", out};
        };
        // one date, and three (a band per date in the parts and the mosaic)
        for (const QString& when :
             {QString("2019-06-01"), QString("2019-06-01,2019-06-02,2019-06-03")}) {
            const auto one = runCli(predict(m_tmp.filePath("p1.tif"), when));
            QVERIFY2(one.exitCode == 0, one.err.constData());
            const auto two = runRanks(2, predict(m_tmp.filePath("p2.tif"), when));
            QVERIFY2(two.exitCode == 0, two.err.constData());
            const QByteArray map = fileBytes(m_tmp.filePath("p1.tif"));
            QVERIFY(map.size() > 1000);
            QCOMPARE(fileBytes(m_tmp.filePath("p2.tif")), map);
            QCOMPARE(fileBytes(m_tmp.filePath("p2.qml")), fileBytes(m_tmp.filePath("p1.qml")));
        }
        const auto left = QDir(m_tmp.path()).entryList({"*part*"}, QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }

    void stationMetricsAreTheSameOnTwoRanks() {
        // a raster series (read by ranges of time steps) and an ASCAT cell (read by stations)
        // at one station with data and at three without
        const QString twin = m_tmp.filePath("twin");
        const QString zip =
            twin + "/stations/" + QDir(twin + "/stations").entryList({"*.zip"}).value(0);
        const QString shared = QStringLiteral(SOILSCOPE_SHARED_DATA);
        const std::vector<QStringList> cases{
            {"--stations", zip, "--products",
             twin + "/reanalysis/reanalysis_hourly_0p25deg.nc," + twin +
                 "/truth/sm_hourly_0p25deg.nc",
             "--variables", "swvl1,sm", "--names", "reanalysis,truth"},
            {"--stations", shared + "/ismn/format_header_values", "--products",
             shared + "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc", "--max-distance", "300",
             "--flags", "all"},
            // three stations, two ranks: each reads its stations, none finds data (the same
            // warnings, named by station)
            {"--stations", shared + "/ismn/multinetwork_header_values", "--products",
             shared + "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc", "--max-distance", "300",
             "--flags", "all"}};
        for (std::size_t c = 0; c < cases.size(); ++c) {
            if (c > 0 && !QFileInfo::exists(shared + "/products"))
                QSKIP("the product samples are not in " SOILSCOPE_SHARED_DATA);
            const QString one = m_tmp.filePath("stations1-" + QString::number(c));
            const QString two = m_tmp.filePath("stations2-" + QString::number(c));
            const auto a = runCli(QStringList{"station-metrics"} << cases[c] << "--out" << one);
            const auto b =
                runRanks(2, QStringList{"station-metrics"} << cases[c] << "--out" << two);
            QVERIFY2(a.exitCode == 0 && b.exitCode == 0, (a.err + b.err).constData());
            QCOMPARE(b.err, a.err); // the same warnings, once
            QVERIFY(fileBytes(one + "/station_metrics.csv").count('\n') > 1);
            if (c == 2)
                QCOMPARE(a.err.count("no metrics: no product data at the station"), 3);
            for (const QString file :
                 {"station_metrics.csv", "station_metrics.geojson", "distributions.csv"}) {
                const QByteArray bytes = fileBytes(one + "/" + file);
                QVERIFY2(!bytes.isEmpty(), qPrintable(file));
                QVERIFY2(fileBytes(two + "/" + file) == bytes, qPrintable(file + " differs"));
            }
        }
    }

    void workloadsShareTheirUnitsAndTheOthersRunOnProcessZero() {
        // the workloads whose searches or folds are units, and files their runs write
        const std::vector<std::pair<QString, QStringList>> shared{
            {"sar_ml_scenarios",
             {"scenario_results.csv", "search_draws.json", "dependent_best_honest_map.tif"}},
            {"wcm_lstm", {"folds.csv", "scatter.csv"}},
            {"lstm_s1_s2_weather", {"predictions.csv", "per_station.csv"}}};
        for (const auto& [workload, files] : shared) {
            const QString project = m_tmp.filePath("twin/projects/" + workload + ".soilscope.json");
            const QStringList args{"train",    "--project", project, "--quick",
                                   "--device", "cpu",       "--json"};
            const auto one = runCli(args);
            const auto two = runRanks(2, args);
            QVERIFY2(one.exitCode == 0 && two.exitCode == 0, (one.err + two.err).constData());
            for (const QString& file : files) {
                const QByteArray a = fileBytes(one.json()["folder"].toString() + "/" + file);
                QVERIFY2(!a.isEmpty(), qPrintable(workload + "/" + file));
                QVERIFY2(fileBytes(two.json()["folder"].toString() + "/" + file) == a,
                         qPrintable(workload + "/" + file + " differs on two ranks"));
            }
        }
        // a task without units (and a workload without them) runs once, on process 0
        const auto runsBefore = runCli({"runs", "--project", m_project, "--json"});
        const auto trained =
            runRanks(2, {"train", "--project", m_project, "--device", "cpu", "--json"});
        QVERIFY2(trained.exitCode == 0, trained.err.constData());
        const auto runsAfter = runCli({"runs", "--project", m_project, "--json"});
        QCOMPARE(runsAfter.json()["runs"].toArray().size(),
                 runsBefore.json()["runs"].toArray().size() + 1);
    }

    void aFailureOnTheRanksEndsTheJobWithOneMessage() {
        const auto bad = runRanks(2, {"search", "--project", m_project, "--draws", "2", "--space",
                                      R"({"width": {"min": 0}})"});
        QCOMPARE(bad.exitCode == 0, false);
        QCOMPARE(bad.err.count("outside the allowed range"), 1);
    }

    void aKilledRunIsCompletedByResume() {
        const QString out = m_tmp.filePath("resume");
        const auto reference = runCli(sweepArgs(m_tmp.filePath("reference"), 4, 3000));
        QVERIFY2(reference.exitCode == 0, reference.err.constData());

        killOnceCommitted(sweepArgs(out, 4, 3000), out, m_units);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!QFile::exists(out + "/sweep.csv"));

        const auto resumed = runRanks(2, sweepArgs(out, 4, 3000) << "--resume");
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const auto units = resumed.json()["units"].toObject();
        QVERIFY2(units["resumed"].toInt() >= 3, resumed.out.constData());
        QVERIFY2(units["computed"].toInt() >= 1, resumed.out.constData());
        QCOMPARE(units["resumed"].toInt() + units["computed"].toInt(), 16);
        QCOMPARE(fileBytes(out + "/sweep.csv"), fileBytes(m_tmp.filePath("reference/sweep.csv")));
    }

    void aKilledWorkloadRunIsCompletedByResume() {
        // sar_ml_scenarios: its searches are the units; the first of them is not pinned
        const QString project = m_tmp.filePath("twin/projects/sar_ml_scenarios.soilscope.json");
        QStringList args{"train", "--project", project, "--quick", "--device", "cpu", "--json"};
        const auto reference = runCli(args);
        QVERIFY2(reference.exitCode == 0, reference.err.constData());
        const int total = reference.json()["units"].toObject()["computed"].toInt();
        QVERIFY(total > 3);

        const QString ledgers = m_tmp.filePath("twin/projects/runs/units");
        killOnceCommitted(args, project, ledgers);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(committedUnits(ledgers) >= 3);
        const auto resumed = runRanks(2, args << "--resume");
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const auto units = resumed.json()["units"].toObject();
        QVERIFY2(units["resumed"].toInt() >= 3, resumed.out.constData());
        QCOMPARE(units["resumed"].toInt() + units["computed"].toInt(), total);
        QVERIFY(resumed.json()["run"].toInt() != reference.json()["run"].toInt());
        for (const QString file : {"scenario_results.csv", "search_draws.json"}) {
            const QByteArray a = fileBytes(reference.json()["folder"].toString() + "/" + file);
            QVERIFY2(!a.isEmpty(), qPrintable(file));
            QVERIFY2(fileBytes(resumed.json()["folder"].toString() + "/" + file) == a,
                     qPrintable(file + " differs after the resume"));
        }
        QVERIFY(!QDir(ledgers).exists()); // the ledger goes once the run is finished
    }
};

QTEST_GUILESS_MAIN(TestMpiCli)
#include "test_mpi_cli.moc"
