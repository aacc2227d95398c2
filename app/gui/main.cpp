// soilscope: the desktop application.
#include "gui/application.h"

int main(int argc, char** argv) {
    return soilscope::gui::runApplication(argc, argv);
}
