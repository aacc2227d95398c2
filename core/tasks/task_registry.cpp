#include "tasks/task_registry.h"

namespace soilscope::tasks {

TaskRegistry& TaskRegistry::instance() {
    static TaskRegistry registry;
    return registry;
}

void TaskRegistry::add(const std::string& id, Factory factory) {
    m_factories[id] = std::move(factory);
}

std::unique_ptr<Task> TaskRegistry::create(const std::string& id) const {
    const auto it = m_factories.find(id);
    return it == m_factories.end() ? nullptr : it->second();
}

std::vector<std::string> TaskRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& [id, factory] : m_factories)
        out.push_back(id);
    return out;
}

} // namespace soilscope::tasks
