// soilscope-cli: runs any registered Task headless. Exit codes: 0 success, 1 user-facing
// error (message on stderr), 2 bad usage, 130 canceled (Ctrl-C, SIGINT). Options of every
// task: --json, --quiet, --progress-json, --max-unpacked SIZE (the cap on a zip member),
// --daily-time HH:MM (the time of day of date-only daily labels). Under mpirun every rank runs
// the task; their units are shared (core/base/unit_runner) and rank 0 alone prints the result.
#include "cli_feedback.h"
#include "cli_help.h"
#include "full_engine.h"
#include "mpi_process_group.h"

#include "base/daily_label.h"
#include "base/error.h"
#include "base/input_limits.h"
#include "base/parameter_spec.h"
#include "base/process_group.h"
#include "base/utf8.h"
#ifndef SOILSCOPE_FULL_ENGINE // the torch-free soilscope-cli loads no plugins: the full one does
#include "learning_tasks/plugin_loader.h"
#endif
#include "tasks/task_registry.h"
#include "tasks/task_runner.h"

#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

using namespace soilscope;

namespace {

soilscope::Feedback* g_feedback = nullptr;
volatile std::sig_atomic_t g_signal = 0;

/// SIGINT (Ctrl-C), SIGTERM (kill, a batch scheduler) and SIGHUP (a closed terminal) all
/// cancel the run the same way: outputs finished before stay, the exit status is 128 + signal.
extern "C" void onInterrupt(int signal) {
    g_signal = signal;
    soilscope::requestInterrupt();
    if (g_feedback)
        g_feedback->cancel();
}

int usage(const std::string& message) {
    std::cerr << "soilscope-cli: " << message << "\nRun 'soilscope-cli help' for usage.\n";
    return 2;
}

bool isBoolParameter(const tasks::Task& task, const std::string& name) {
    for (const auto& p : task.parameters())
        if (p.name == name)
            return p.type == soilscope::ParameterType::Bool;
    return false;
}

/// MPI lives from the start of main to its end (after the last collective call of a task).
struct MpiSession {
    MpiSession(int& argc, char**& argv) {
        installProcessGroup(cli::startMpiWhenLaunchedByIt(argc, argv));
    }
    ~MpiSession() {
        installProcessGroup(nullptr);
        cli::finishMpi();
    }
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
};

} // namespace

int main(int argc, char** argv) {
#ifdef SOILSCOPE_FULL_ENGINE
    if (cli::needsFullEngine({argv + 1, argv + argc}))
        return cli::becomeFullEngine(SOILSCOPE_FULL_ENGINE, argv);
#endif
    const MpiSession mpi(argc, argv);
    // Then: Ctrl-C while plugins load must not fall to a library's handler.
    for (const int signal : cli::kInterruptSignals)
        std::signal(signal, onInterrupt);
    cli::unblockInterrupts();
    // Ranks other than 0 compute their share quietly; rank 0 reports for all of them.
    const bool root = processGroup().isRoot();
    std::vector<std::string> args(argv + 1, argv + argc);
#ifndef SOILSCOPE_FULL_ENGINE
    const auto& plugins = tasks::loadPluginsOnce();
    for (const auto& error : plugins.errors)
        if (root)
            std::cerr << "soilscope-cli: warning: " << error << "\n";
#endif
    if (args.empty() || args[0] == "--help" || args[0] == "-h" ||
        (args[0] == "help" && args.size() == 1)) {
        std::cout << cli::overviewHelp();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "soilscope-cli " << SOILSCOPE_VERSION << "\n";
        return 0;
    }
    auto& registry = tasks::TaskRegistry::instance();
#ifndef SOILSCOPE_FULL_ENGINE // (soilscope-cli hands the task list to soilscope-cli-full)
    if (args[0] == "help" && args[1] == "--json") {
        // Every task, for front-ends that build their own forms (the QGIS provider).
        nlohmann::json all{{"engine", "soilscope-cli"},
                           {"version", SOILSCOPE_VERSION},
                           {"tasks", nlohmann::json::array()}};
        for (const auto& id : registry.ids())
            all["tasks"].push_back(tasks::describeTask(*registry.create(id)));
        all["plugins"] = nlohmann::json::array();
        for (const auto& p : plugins.loaded)
            all["plugins"].push_back({{"name", p.name},
                                      {"version", p.version},
                                      {"description", p.description},
                                      {"path", p.path},
                                      {"tasks", p.tasks},
                                      {"transforms", p.transforms},
                                      {"families", p.families}});
        all["plugin_errors"] = plugins.errors;
        std::cout << dumpJson(all, 2) << "\n";
        return 0;
    }
#endif
    if (args[0] == "help") {
        const auto task = registry.create(args[1]);
        if (!task)
            return usage("unknown task '" + args[1] + "'");
        if (args.size() > 2 && args[2] == "--json")
            std::cout << dumpJson(tasks::describeTask(*task), 2) << "\n";
        else
            std::cout << cli::taskHelp(*task);
        return 0;
    }

    const auto task = registry.create(args[0]);
    if (!task)
        return usage("unknown task '" + args[0] + "'");

    std::map<std::string, std::string> raw;
    bool json = false;
    bool quiet = false;
    bool progressJson = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << cli::taskHelp(*task);
            return 0;
        }
        if (a.rfind("--", 0) != 0)
            return usage("unexpected argument '" + a + "'");
        a = a.substr(2);
        if (a == "json") {
            json = true;
            continue;
        }
        if (a == "quiet") {
            quiet = true;
            continue;
        }
        if (a == "progress-json") {
            progressJson = true;
            continue;
        }
        // Options of every task that set process-wide limits and conventions.
        const std::map<std::string, std::pair<const char*, std::function<void(const std::string&)>>>
            global{{"max-unpacked",
                    {"a size, e.g. 8G",
                     [](const std::string& v) { setMaxUnpackedBytes(parseByteSize(v)); }}},
                   {"daily-time", {"a time of day, e.g. 00:00", [](const std::string& v) {
                                       setDailyLabelTime(parseTimeOfDay(v));
                                   }}}};
        const std::string key = a.substr(0, a.find('='));
        if (const auto g = global.find(key); g != global.end()) {
            const auto eq = a.find('=');
            if (eq == std::string::npos && i + 1 >= args.size())
                return usage("--" + key + " needs " + g->second.first);
            try {
                g->second.second(eq != std::string::npos ? a.substr(eq + 1) : args[++i]);
            } catch (const soilscope::Error& e) {
                return usage("--" + key + ": " + e.message());
            }
            continue;
        }
        std::string value;
        if (const auto eq = a.find('='); eq != std::string::npos) {
            value = a.substr(eq + 1);
            a = a.substr(0, eq);
        } else if (isBoolParameter(*task, a) &&
                   (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)) {
            value = "true";
        } else {
            if (i + 1 >= args.size())
                return usage("--" + a + " needs a value");
            value = args[++i];
        }
        if (a == "set" && raw.count(a)) {
            raw[a] += "\n" + value; // --set may be repeated: one KEY=VALUE each
            continue;
        }
        if (raw.count(a))
            return usage("--" + a + " given twice");
        raw[a] = value;
    }

    cli::CliFeedback feedback(!root           ? cli::CliFeedback::Mode::Silent
                              : progressJson  ? cli::CliFeedback::Mode::JsonLines
                              : quiet || json ? cli::CliFeedback::Mode::Quiet
                                              : cli::CliFeedback::Mode::Text);
    g_feedback = &feedback;
    if (interruptRequested())
        feedback.cancel();
    // Libraries may print to stdout (GDAL's GRIB decoder does): during the run stdout goes to
    // stderr, so that stdout carries only the result (one JSON document with --json).
    std::cout.flush();
    std::fflush(stdout);
    const int resultFd = ::dup(STDOUT_FILENO);
    if (resultFd >= 0)
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
    const tasks::TaskOutcome outcome = tasks::runTask(*task, raw, feedback);
    std::fflush(stdout);
    if (resultFd >= 0) {
        ::dup2(resultFd, STDOUT_FILENO);
        ::close(resultFd);
    }
    g_feedback = nullptr;

    if (!root) // the same outcome reached every rank; rank 0 says it
        return outcome.status == tasks::TaskStatus::Succeeded ? 0
               : outcome.status == tasks::TaskStatus::Canceled
                   ? 128 + (g_signal ? int(g_signal) : SIGINT)
               : outcome.status == tasks::TaskStatus::UsageFailed ? 2
                                                                  : 1;
    switch (outcome.status) {
    case tasks::TaskStatus::Succeeded:
        if (json)
            std::cout << dumpJson(outcome.result.json, 2) << "\n";
        else if (!outcome.result.summary.empty())
            std::cout << outcome.result.summary << "\n";
        else
            std::cout << dumpJson(outcome.result.json, 2) << "\n";
        std::cout.flush();
        if (!std::cout) { // a full disk or a closed pipe: the result did not arrive
            std::cerr << "soilscope-cli " << args[0]
                      << ": error: cannot write the result to standard output\n";
            return 1;
        }
        return 0;
    case tasks::TaskStatus::Canceled:
        if (progressJson)
            feedback.error("canceled");
        else
            std::cerr << "soilscope-cli " << args[0] << ": canceled\n";
        return 128 + (g_signal ? static_cast<int>(g_signal) : SIGINT);
    case tasks::TaskStatus::UsageFailed:
        if (progressJson) {
            feedback.error(outcome.errorMessage);
            return 2;
        }
        return usage(args[0] + ": " + outcome.errorMessage);
    case tasks::TaskStatus::Failed:
        break;
    }
    if (progressJson)
        feedback.error(outcome.errorMessage);
    else
        std::cerr << "soilscope-cli " << args[0] << ": error: " << outcome.errorMessage << "\n";
    return 1;
}
