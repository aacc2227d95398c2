#pragma once
#include <fftw3.h>

#include <cstddef>
#include <mutex>
#include <new>

namespace soilscope::analysis {

/// FFTW's planner is not thread-safe: every plan creation and destruction holds this mutex.
std::mutex& fftwPlannerMutex();

/// The smallest n >= minimum whose only prime factors are 2, 3, 5 and 7 (fast FFT sizes).
int fftwGoodSize(int minimum);

/// An fftw_malloc'ed array (SIMD-aligned), freed with fftw_free.
template <class T> class FftwBuffer {
  public:
    FftwBuffer() = default;
    explicit FftwBuffer(std::size_t n)
        : m_data(static_cast<T*>(fftw_malloc(sizeof(T) * (n == 0 ? 1 : n)))), m_size(n) {
        if (!m_data)
            throw std::bad_alloc();
    }
    ~FftwBuffer() { fftw_free(m_data); }
    FftwBuffer(FftwBuffer&& o) noexcept : m_data(o.m_data), m_size(o.m_size) {
        o.m_data = nullptr;
        o.m_size = 0;
    }
    FftwBuffer& operator=(FftwBuffer&& o) noexcept {
        if (this != &o) {
            fftw_free(m_data);
            m_data = o.m_data;
            m_size = o.m_size;
            o.m_data = nullptr;
            o.m_size = 0;
        }
        return *this;
    }
    FftwBuffer(const FftwBuffer&) = delete;
    FftwBuffer& operator=(const FftwBuffer&) = delete;
    T* data() const { return m_data; }
    std::size_t size() const { return m_size; }

  private:
    T* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace soilscope::analysis
