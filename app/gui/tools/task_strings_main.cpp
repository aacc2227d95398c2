// soilscope-task-strings FILE: writes widgets/task_strings_generated.cpp (every string of every
// registered task wrapped in QT_TRANSLATE_NOOP) so that lupdate puts them into the catalogues.
#include "widgets/task_strings.h"

#include <QByteArray>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: soilscope-task-strings OUTPUT.cpp\n");
        return 2;
    }
    const QByteArray source =
        QByteArray::fromStdString(soilscope::widgets::generateTaskStringsSource());
    QFile current(QString::fromLocal8Bit(argv[1]));
    if (current.open(QIODevice::ReadOnly) && current.readAll() == source) {
        std::printf("%s is up to date\n", argv[1]);
        return 0;
    }
    current.close();
    QSaveFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly) || out.write(source) != source.size() || !out.commit()) {
        std::fprintf(stderr, "soilscope-task-strings: cannot write %s: %s\n", argv[1],
                     qPrintable(out.errorString()));
        return 1;
    }
    std::printf("wrote %s\n", argv[1]);
    return 0;
}
