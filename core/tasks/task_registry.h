#pragma once
#include "tasks/task.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// Hands out fresh Task instances by id. Tasks register from static initialisers with
/// SOILSCOPE_REGISTER_TASK; front-ends link soilscope_core whole so none is dropped.
class TaskRegistry {
  public:
    using Factory = std::function<std::unique_ptr<Task>()>;

    static TaskRegistry& instance();
    void add(const std::string& id, Factory factory);
    /// A new instance, or nullptr when the id is unknown.
    std::unique_ptr<Task> create(const std::string& id) const;
    /// Ids in alphabetical order.
    std::vector<std::string> ids() const;

  private:
    std::map<std::string, Factory> m_factories;
};

namespace detail {
struct TaskRegistration {
    TaskRegistration(const std::string& id, TaskRegistry::Factory factory) {
        TaskRegistry::instance().add(id, std::move(factory));
    }
};
} // namespace detail

} // namespace soilscope::tasks

#define SOILSCOPE_REGISTER_TASK(TaskClass, id)                                                     \
    namespace {                                                                                    \
    const ::soilscope::tasks::detail::TaskRegistration s_registration_##TaskClass{                 \
        id, [] { return std::make_unique<TaskClass>(); }};                                         \
    }
