// Every input the fuzzers (fuzz/, make fuzz) found to crash or hang a reader is kept in
// fuzz/regressions/<harness>/ and must now end in a clean error naming the file, quickly.
#include "cli_test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using soilscope::test::CliRun;
using soilscope::test::runCli;

namespace {
QStringList regressions(const QString& harness) {
    const QDir dir(QStringLiteral(SOILSCOPE_SOURCE_DIR) + "/fuzz/regressions/" + harness);
    QStringList out;
    for (const QString& name : dir.entryList(QDir::Files))
        out << dir.filePath(name);
    return out;
}
} // namespace

class TestFuzzRegressionsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
  private Q_SLOTS:
    void eachFindingIsACleanError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        for (const QString& f : regressions("fuzz_point_products"))
            QTest::newRow(qPrintable(QFileInfo(f).fileName()))
                << QStringList{"raster-info", "--input", f} << f;
        for (const QString& f : regressions("fuzz_project_file"))
            QTest::newRow(qPrintable(QFileInfo(f).fileName()))
                << QStringList{"train", "--project", f, "--quick"} << f;
        // fuzz_bundle: the input after its seed byte is bundle.json, beside the member files it
        // names (the harness's folders hold them), in a folder named after the finding
        for (const QString& f : regressions("fuzz_bundle")) {
            const QString folder = m_dir.filePath(QFileInfo(f).fileName());
            QDir().mkpath(folder);
            QFile in(f);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray json = in.readAll().mid(1);
            soilscope::test::writeTestFile(folder + "/bundle.json", json);
            for (const QString name : {"member_0.pt", "member_0.json", "member_0.svm"})
                soilscope::test::writeTestFile(folder + "/" + name, "weights");
            QTest::newRow(qPrintable(QFileInfo(f).fileName()))
                << QStringList{"predict", "--model",          folder, "--inputs", "a=" + folder,
                               "--out",   folder + "/map.tif"}
                << f;
        }
    }

    void eachFindingIsACleanError() {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        QElapsedTimer clock;
        clock.start();
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QFileInfo(file).fileName().toUtf8()), r.err.constData());
        QVERIFY2(clock.elapsed() < 30000, "a finding that hung must now end at once");
    }

    void thereAreFindingsToReplay() {
        QVERIFY(!regressions("fuzz_point_products").isEmpty());
        QVERIFY(!regressions("fuzz_project_file").isEmpty());
        QVERIFY(!regressions("fuzz_bundle").isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestFuzzRegressionsCli)
#include "test_fuzz_regressions_cli.moc"
