#pragma once
// Internal to inference/: a block pipeline (read → compute → deliver) with bounded queues, so
// that reading the next blocks, running the model on a few blocks at once and writing finished
// ones overlap, while memory stays bounded by the queue depth and the worker count.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace soilscope::inference {

/// Runs read(i) on a reader thread (in order), compute(i, A&&) → B on `workers` threads (blocks
/// in any order) and deliver(i, B&&) on the calling thread in order, for i = 0..count−1. At most
/// `depth` read blocks wait for a worker and at most depth + workers computed blocks wait for
/// delivery. The first exception of any stage stops all of them and is rethrown here once the
/// threads have joined (the calling thread's own exception, e.g. a cancellation, first).
template <class A, class B, class Read, class Compute, class Deliver>
void runBlockPipeline(std::size_t count, std::size_t workers, std::size_t depth, Read&& read,
                      Compute&& compute, Deliver&& deliver) {
    struct State {
        std::mutex m_mutex;
        std::condition_variable m_changed;
        bool m_aborted = false;
        std::exception_ptr m_error;
        std::deque<std::pair<std::size_t, A>> inbox;
        bool readDone = false;
        std::map<std::size_t, B> done;
        std::size_t next = 0; // next index to deliver

        void fail(std::exception_ptr e) {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::move(e);
            m_aborted = true;
            m_changed.notify_all();
        }
        void abort() {
            std::lock_guard lock(m_mutex);
            m_aborted = true;
            m_changed.notify_all();
        }
    } st;
    workers = workers < 1 ? 1 : workers;
    depth = depth < 1 ? 1 : depth;
    std::thread reader([&] {
        try {
            for (std::size_t i = 0; i < count; ++i) {
                A a = read(i);
                std::unique_lock lock(st.m_mutex);
                st.m_changed.wait(lock, [&] { return st.m_aborted || st.inbox.size() < depth; });
                if (st.m_aborted)
                    return;
                st.inbox.emplace_back(i, std::move(a));
                st.m_changed.notify_all();
            }
            std::lock_guard lock(st.m_mutex);
            st.readDone = true;
            st.m_changed.notify_all();
        } catch (...) {
            st.fail(std::current_exception());
        }
    });
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w)
        pool.emplace_back([&] {
            try {
                for (;;) {
                    std::optional<std::pair<std::size_t, A>> job;
                    {
                        std::unique_lock lock(st.m_mutex);
                        st.m_changed.wait(
                            lock, [&] { return st.m_aborted || !st.inbox.empty() || st.readDone; });
                        if (st.m_aborted || st.inbox.empty())
                            return;
                        job.emplace(std::move(st.inbox.front()));
                        st.inbox.pop_front();
                        st.m_changed.notify_all();
                    }
                    B b = compute(job->first, std::move(job->second));
                    std::unique_lock lock(st.m_mutex);
                    // The block due next is always accepted, so this cannot deadlock.
                    st.m_changed.wait(lock, [&] {
                        return st.m_aborted || job->first < st.next + depth + workers;
                    });
                    if (st.m_aborted)
                        return;
                    st.done.emplace(job->first, std::move(b));
                    st.m_changed.notify_all();
                }
            } catch (...) {
                st.fail(std::current_exception());
            }
        });
    std::exception_ptr own;
    try {
        for (std::size_t i = 0; i < count; ++i) {
            std::optional<B> b;
            {
                std::unique_lock lock(st.m_mutex);
                st.m_changed.wait(lock, [&] { return st.m_aborted || st.done.count(i) > 0; });
                if (st.m_aborted)
                    break;
                auto it = st.done.find(i);
                b.emplace(std::move(it->second));
                st.done.erase(it);
                st.next = i + 1;
                st.m_changed.notify_all();
            }
            deliver(i, std::move(*b));
        }
    } catch (...) {
        own = std::current_exception();
    }
    st.abort(); // everything delivered, or stopping: release whatever still waits
    reader.join();
    for (auto& t : pool)
        t.join();
    if (own)
        std::rethrow_exception(own);
    if (st.m_error)
        std::rethrow_exception(st.m_error);
}

} // namespace soilscope::inference
