// One declaration of settings and outputs: `help` lists every task's declared outputs and the
// learning tasks' model, training, split and workload settings; `--set KEY=VALUE` overrides a
// project's settings and a bad one fails naming the key and what it allows.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using soilscope::test::CliRun;
using soilscope::test::runCli;

class TestSettingsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_twin;

    QString project(const char* workload) const {
        return m_twin + QStringLiteral("/projects/%1.soilscope.json").arg(workload);
    }

  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
        QVERIFY(m_dir.isValid());
        m_twin = m_dir.filePath(QStringLiteral("twin"));
        const CliRun r = runCli({"demo", "--out", m_twin, "--preset", "tiny", "--quiet"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void everyTaskDeclaresItsOutputs() {
        const CliRun overview = runCli({"help"});
        QCOMPARE(overview.exitCode, 0);
        const QRegularExpression line(QStringLiteral("^  ([a-z_-]+)  "),
                                      QRegularExpression::MultilineOption);
        QStringList ids;
        for (auto it = line.globalMatch(QString::fromUtf8(overview.out)); it.hasNext();)
            ids << it.next().captured(1);
        QVERIFY2(ids.size() >= 14, qPrintable(ids.join(',')));
        static const QStringList kinds{"raster",
                                       "raster_series",
                                       "table",
                                       "series_pairs",
                                       "spectrum",
                                       "intraday_means",
                                       "intraday_table",
                                       "learning_curves",
                                       "station_metrics",
                                       "run",
                                       "bundle",
                                       "report",
                                       "json",
                                       "location_netcdf",
                                       "vector"};
        for (const QString& id : ids) {
            const CliRun r = runCli({"help", id, "--json"});
            QCOMPARE(r.exitCode, 0);
            const QJsonArray outputs = r.json().value(QStringLiteral("outputs")).toArray();
            QVERIFY2(!outputs.isEmpty(), qPrintable(id + QStringLiteral(" declares no output")));
            for (const QJsonValue& o : outputs) {
                QVERIFY2(kinds.contains(o.toObject().value(QStringLiteral("kind")).toString()),
                         qPrintable(id));
                QVERIFY2(!o.toObject().value(QStringLiteral("description")).toString().isEmpty(),
                         qPrintable(id));
            }
        }
    }

    void helpJsonDescribesEveryTask() {
        const CliRun all = runCli({"help", "--json"});
        QCOMPARE(all.exitCode, 0);
        const QJsonObject j = all.json();
        QCOMPARE(j[QStringLiteral("engine")].toString(), QStringLiteral("soilscope-cli"));
        QVERIFY(!j[QStringLiteral("version")].toString().isEmpty());
        const QJsonArray tasks = j[QStringLiteral("tasks")].toArray();
        QVERIFY(tasks.size() >= 17);
        bool folder = false, filter = false;
        QStringList pathLists;
        for (const QJsonValue& t : tasks)
            for (const QJsonValue& p : t.toObject()[QStringLiteral("parameters")].toArray()) {
                folder = folder || p.toObject()[QStringLiteral("folder")].toBool();
                filter =
                    filter || !p.toObject()[QStringLiteral("file_filter")].toString().isEmpty();
                if (p.toObject()[QStringLiteral("paths")].toBool())
                    pathLists << t.toObject()[QStringLiteral("id")].toString() + QLatin1Char(' ') +
                                     p.toObject()[QStringLiteral("name")].toString();
            }
        QVERIFY(folder && filter);
        // Lists of input paths say so (the GUI's "+" adds map layers to them).
        QVERIFY2(pathLists.contains(QStringLiteral("validate-network products")),
                 qPrintable(pathLists.join(QLatin1Char(','))));
    }

    void progressJsonIsOneObjectPerLine() {
        const CliRun r =
            runCli({"raster-info", "--input", m_twin + QStringLiteral("/lst/lst_daily_1km.nc"),
                    "--json", "--progress-json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.json().contains(QStringLiteral("width")));
        bool finished = false;
        for (const QByteArray& line : r.err.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.isEmpty(), line.constData());
            const QString type = o[QStringLiteral("type")].toString();
            QVERIFY2(type == "progress" || type == "message" || type == "metric", line.constData());
            finished = finished ||
                       (type == "progress" && o[QStringLiteral("percent")].toDouble() == 100.0);
        }
        QVERIFY(finished);
        const CliRun bad =
            runCli({"raster-info", "--input", m_dir.filePath("none.tif"), "--progress-json"});
        QCOMPARE(bad.exitCode, 1);
        const QJsonObject error =
            QJsonDocument::fromJson(bad.err.trimmed().split('\n').last()).object();
        QCOMPARE(error[QStringLiteral("level")].toString(), QStringLiteral("error"));
        QVERIFY(error[QStringLiteral("text")].toString().contains(QStringLiteral("none.tif")));
    }

    void helpTrainListsTheSettings() {
        const CliRun r = runCli({"help", "train"});
        QCOMPARE(r.exitCode, 0);
        for (const char* text :
             {"model.lstm.hidden=N", "hidden units per layer [default: 16] (range 1 .. 1024)",
              "training.optimizer.eps=X", "training.epochs=N", "split.scheme=random|temporal",
              "workload.sar_ml_scenarios.draws=N", "[training.optimizer]", "Outputs:",
              "learning_curves", "workload.cnn_ascat_intraday.lai=auto|lai_high|lai_low|both",
              "(not in source)", "training.backend=auto|autograd|manual"})
            QVERIFY2(r.out.contains(text), text);
        const CliRun j = runCli({"help", "train", "--json"});
        bool hidden = false;
        for (const QJsonValue& s : j.json().value(QStringLiteral("settings")).toArray()) {
            const QJsonObject o = s.toObject();
            if (o.value(QStringLiteral("name")).toString() != QLatin1String("model.lstm.hidden"))
                continue;
            hidden = true;
            QCOMPARE(o.value(QStringLiteral("maximum")).toDouble(), 1024.0);
            QCOMPARE(o.value(QStringLiteral("default")).toString(), QStringLiteral("16"));
            QCOMPARE(o.value(QStringLiteral("enabled_when")).toString(),
                     QStringLiteral("model.family=lstm"));
        }
        QVERIFY(hidden);
    }

    void badOverridesNameTheKeyAndTheRange() {
        const QString lstm = project("lstm_s1_s2_weather");
        struct Case {
            QStringList set;
            QStringList expected;
        };
        const std::vector<Case> cases{
            {{"model.lstm.hidden=5000"}, {"model.lstm.hidden", "1024"}},
            {{"training.epochs=0"}, {"training.epochs", "1"}},
            {{"training.epochz=3"}, {"training.epochz", "unknown setting"}},
            {{"model.mlp.width=8"}, {"model.mlp.width", "'lstm'", "model.family=mlp"}},
            {{"split.scheme=diagonal"}, {"split.scheme", "temporal"}},
            {{"workload.wcm_lstm.folds=3"}, {"workload.wcm_lstm.folds", "lstm_s1_s2_weather"}},
            {{"workload.lstm_s1_s2_weather.inputs=everything"},
             {"workload.lstm_s1_s2_weather.inputs", "minimum, full"}},
            {{"epochs"}, {"KEY=VALUE"}},
        };
        for (const Case& c : cases) {
            QStringList args{"train", "--project", lstm, "--quick", "--device", "cpu"};
            for (const QString& s : c.set)
                args << "--set" << s;
            const CliRun r = runCli(args);
            QVERIFY2(r.exitCode == 2,
                     qPrintable(c.set.join(' ') + QStringLiteral(": exit %1, ").arg(r.exitCode) +
                                r.err));
            for (const QString& e : c.expected)
                QVERIFY2(r.err.contains(e.toUtf8()), qPrintable(c.set.join(' ') + ": " + r.err));
        }
    }

    void projectSettingsAreCheckedAgainstTheDeclarations() {
        // A key the declarations do not know is an error naming the JSON pointer, not ignored.
        QFile f(project("sar_ml_scenarios"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject p = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject training = p.value(QStringLiteral("training")).toObject();
        training.insert(QStringLiteral("optimizer"), QJsonObject{{QStringLiteral("epz"), 1e-7}});
        p.insert(QStringLiteral("training"), training);
        const QString edited = m_twin + QStringLiteral("/projects/edited.soilscope.json");
        QFile out(edited);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(p).toJson());
        out.close();
        const CliRun r = runCli({"train", "--project", edited, "--quick", "--device", "cpu"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/training/optimizer/epz: unknown setting"), r.err.constData());
        QVERIFY2(r.err.contains("edited.soilscope.json"), r.err.constData());
    }

    void overridesReachTheRun() {
        // The generic path of the scenario project (a random forest): the override is in the run's
        // configuration, and the run returns its declared outputs.
        const CliRun r =
            runCli({"train", "--project", project("sar_ml_scenarios"), "--generic", "--quick",
                    "--set", "model.random_forest.n_estimators=7", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        const QJsonArray outputs = j.value(QStringLiteral("outputs")).toArray();
        QStringList names;
        for (const QJsonValue& o : outputs)
            names << o.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains("run") && names.contains("bundle") && names.contains("map"),
                 qPrintable(names.join(',')));
        const CliRun show =
            runCli({"runs", "--project", project("sar_ml_scenarios"), "--run",
                    QString::number(j.value(QStringLiteral("run")).toInt()), "--json"});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QVERIFY2(show.out.contains("\"n_estimators\": 7"), show.out.left(2000).constData());
    }

    void aDivergingTrainingFailsAndStoresNothing() {
        // A learning rate of 1e12 sends the MLP's loss to infinity: an error naming the epoch,
        // no bundle, no map, the run marked failed (it was reported finished with NaN metrics).
        const QString runs = m_twin + QStringLiteral("/projects/runs/bundles");
        const int before = QDir(runs).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
        const CliRun r = runCli({"train", "--project", project("ffnn_downscaling_60m"), "--generic",
                                 "--quick", "--set", "training.optimizer.lr=1e12"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("training diverged") && r.err.contains("epoch") &&
                     r.err.contains("training.optimizer.lr"),
                 r.err.constData());
        QCOMPARE(QDir(runs).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), before);
        const CliRun list = runCli({"runs", "--project", project("ffnn_downscaling_60m")});
        QVERIFY2(list.out.trimmed().endsWith("-") && list.out.contains("failed"),
                 list.out.constData());
    }

    void hostileProjectFilesAreRefused() {
        const QString dir = m_twin + QStringLiteral("/projects/");
        const auto write = [&](const QString& name, const QByteArray& bytes) {
            QFile f(dir + name);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
                qFatal("cannot write %s", qPrintable(dir + name));
            return dir + name;
        };
        // 200 000 nested arrays crashed the copy of the document (stack overflow, exit 139).
        const QString nested = write("nested.soilscope.json", "{\"a\": " + QByteArray(200000, '[') +
                                                                  QByteArray(200000, ']') + "}");
        CliRun r = runCli({"train", "--project", nested, "--quick"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nested.soilscope.json") && r.err.contains("200001 levels"),
                 r.err.constData());
        // A NUL byte: the message goes on past it, with line and column.
        const QString nul = write("nul.soilscope.json", QByteArray("{\"a\": 1,\n \"b\": \0x}", 18));
        r = runCli({"train", "--project", nul, "--quick"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nul.soilscope.json") && r.err.contains("line 2, column"),
                 r.err.constData());
        QVERIFY(!r.err.contains('\0'));
    }

    void theProjectsDeviceIsUsed() {
        // /training/device of the project wins over the task's default (it was ignored before).
        // The CNN workload's locally connected network: a neural model, trained where asked.
        const CliRun probe = runCli({"train", "--project", project("cnn_ascat_intraday"),
                                     "--generic", "--quick", "--set", "training.device=cuda"});
        if (probe.exitCode == 0)
            QSKIP("this machine has CUDA: the request cannot fail");
        QCOMPARE(probe.exitCode, 1);
        QVERIFY2(probe.err.contains("CUDA"), probe.err.constData());
        // The command line still overrides the project.
        const CliRun cpu =
            runCli({"train", "--project", project("cnn_ascat_intraday"), "--generic", "--quick",
                    "--set", "training.device=cuda", "--device", "cpu", "--json"});
        QVERIFY2(cpu.exitCode == 0, cpu.err.constData());
        QCOMPARE(cpu.json().value(QStringLiteral("device")).toString(), QStringLiteral("cpu"));
    }
};

QTEST_APPLESS_MAIN(TestSettingsCli)
#include "test_settings_cli.moc"
