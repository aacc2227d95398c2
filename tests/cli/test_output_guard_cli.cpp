// An output never destroys an input: the same file (by any path, symbolic or hard link), an
// existing file inside an input folder, and a file output that is not a regular file are
// refused before the task runs, and the input stays byte-identical.
#include "cli_test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using soilscope::test::CliRun;
using soilscope::test::runCli;

namespace {
QByteArray digest(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestOutputGuardCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ref, m_cand;

    CliRun validateInto(const QString& pairsOut) {
        return runCli({"validate", "--reference", m_ref, "--reference-column", "sm", "--candidate",
                       m_cand, "--candidate-column", "sm", "--window", "1h", "--pairs-out",
                       pairsOut});
    }

  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
        QVERIFY(m_dir.isValid());
        m_ref = m_dir.filePath("reference.csv");
        m_cand = m_dir.filePath("candidate.csv");
        QByteArray ref = "time,sm\n", cand = "time,sm\n";
        for (int h = 0; h < 48; ++h) {
            const QByteArray t = QStringLiteral("2020-06-%1T%2:00:00Z")
                                     .arg(1 + h / 24, 2, 10, QLatin1Char('0'))
                                     .arg(h % 24, 2, 10, QLatin1Char('0'))
                                     .toLatin1();
            ref += t + "," + QByteArray::number(0.2 + 0.001 * h) + "\n";
            cand += t + "," + QByteArray::number(0.21 + 0.0011 * h) + "\n";
        }
        soilscope::test::writeTestFile(m_ref, ref);
        soilscope::test::writeTestFile(m_cand, cand);
    }

    void anInputIsNeverAnOutput() {
        const QByteArray before = digest(m_ref);
        CliRun r = validateInto(m_ref);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--pairs-out is the input --reference"), r.err.constData());
        // Through another spelling, a symbolic link and a hard link.
        r = validateInto(m_dir.path() + "/./sub/../reference.csv");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(QFile::link(m_ref, m_dir.filePath("link.csv")));
        r = validateInto(m_dir.filePath("link.csv"));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(::link(m_cand.toLocal8Bit().constData(),
                        m_dir.filePath("hard.csv").toLocal8Bit().constData()),
                 0);
        r = validateInto(m_dir.filePath("hard.csv"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is the input --candidate"), r.err.constData());
        QCOMPARE(digest(m_ref), before);
        // A fresh path works.
        r = validateInto(m_dir.filePath("pairs.csv"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void latin1NamesDoNotAbortTheJsonOutput() {
        // A Latin-1 file name and column header (issue 20, finding 4: exit 134 before). The
        // bytes go through a shell: QProcess would pass the arguments as UTF-8.
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        const QString script =
            QStringLiteral("f=$(printf 'caf\\351.csv'); c=$(printf 'sm_caf\\351'); "
                           "printf 'time,%s\\n' \"$c\" > \"$f\"; tail -n +2 reference.csv >> "
                           "\"$f\"; exec \"$0\" validate --reference \"$f\" --reference-column "
                           "\"$c\" --candidate candidate.csv --candidate-column sm --json");
        p.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), script, QStringLiteral(SOILSCOPE_CLI)});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 p.readAllStandardError().constData());
        const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QVERIFY(!j.isEmpty());
        QVERIFY(QJsonDocument(j).toJson().contains("caf\xc3\xa9")); // read as Latin-1 é
    }

    void onlyRegularFilesAreReplaced() {
        const QString fifo = m_dir.filePath("pipe.csv");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        CliRun r = validateInto(fifo);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        QVERIFY(QDir(m_dir.path()).mkdir("folder.csv"));
        r = validateInto(m_dir.filePath("folder.csv"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("a folder"), r.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestOutputGuardCli)
#include "test_output_guard_cli.moc"
