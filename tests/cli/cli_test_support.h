#pragma once
// Shared by the CLI tests: runs soilscope-cli and keeps its exit code and output.
#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

namespace soilscope::test {

struct CliRun {
    int exitCode = -1; ///< -1: crashed or timed out
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

/// A program with these arguments, waiting up to five minutes; `extraEnv` adds to the
/// environment (e.g. SOILSCOPE_PLUGIN_PATH).
inline CliRun runProgram(const QString& program, const QStringList& args,
                         const QList<QPair<QString, QString>>& extraEnv = {}) {
    QProcess p;
    if (!extraEnv.isEmpty()) {
        auto env = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] : extraEnv)
            env.insert(name, value);
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
    CliRun r;
    if (!p.waitForFinished(300000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// soilscope-cli with these arguments (the task first); see runProgram.
inline CliRun runCli(const QStringList& args, const QList<QPair<QString, QString>>& extraEnv = {}) {
    return runProgram(QStringLiteral(SOILSCOPE_CLI), args, extraEnv);
}

/// Writes a test input file (fails the test when it cannot).
inline void writeTestFile(const QString& path, const QByteArray& content) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

/// The non-empty lines of a text file (none when it cannot be read).
inline QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace soilscope::test
