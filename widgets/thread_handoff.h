#pragma once
// Hand-offs between threads that go through Qt's own (uninstrumented, futex-based) locks, made
// visible to ThreadSanitizer: everything the releasing thread wrote before handoffRelease(token)
// happens before what the acquiring thread does after handoffAcquire(token). No-ops otherwise.

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace soilscope::widgets {

inline void handoffRelease([[maybe_unused]] void* token) {
#if defined(__SANITIZE_THREAD__)
    __tsan_release(token);
#endif
}

inline void handoffAcquire([[maybe_unused]] void* token) {
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(token);
#endif
}

} // namespace soilscope::widgets
