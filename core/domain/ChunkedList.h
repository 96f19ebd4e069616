#pragma once

#include "Invariant.h"

#include <QtGlobal>

#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace billing {

// A list that grows by whole blocks and never moves an element: a pointer to one stays valid
// while others are appended, and hundreds of thousands of aggregates sit packed, without the
// empty slots a hash table keeps beside every value it holds.
template<typename T, qsizetype BlockSize = 256>
class ChunkedList
{
public:
    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = const T &;

        const_iterator() = default;
        const T &operator*() const { return (*m_list)[m_at]; }
        const T *operator->() const { return &(*m_list)[m_at]; }
        const_iterator &operator++()
        {
            ++m_at;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_at;
            return before;
        }
        friend bool operator==(const const_iterator &, const const_iterator &) = default;

    private:
        friend class ChunkedList;
        const_iterator(const ChunkedList *list, qsizetype at)
            : m_list(list)
            , m_at(at)
        {}
        const ChunkedList *m_list = nullptr;
        qsizetype m_at = 0;
    };

    ChunkedList() = default;
    ChunkedList(const ChunkedList &other) { append(other); }
    ChunkedList &operator=(const ChunkedList &other)
    {
        if (this != &other) {
            clear();
            append(other);
        }
        return *this;
    }
    ChunkedList(ChunkedList &&other) noexcept
        : m_blocks(std::move(other.m_blocks))
        , m_size(std::exchange(other.m_size, 0))
    {}
    ChunkedList &operator=(ChunkedList &&other) noexcept
    {
        m_blocks = std::move(other.m_blocks);
        m_size = std::exchange(other.m_size, 0);
        return *this;
    }
    ~ChunkedList() = default;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, m_size); }

    T &operator[](qsizetype at)
    {
        BILLING_ASSERT(at >= 0 && at < m_size);
        return m_blocks[std::size_t(at / BlockSize)][std::size_t(at % BlockSize)];
    }
    const T &operator[](qsizetype at) const
    {
        BILLING_ASSERT(at >= 0 && at < m_size);
        return m_blocks[std::size_t(at / BlockSize)][std::size_t(at % BlockSize)];
    }

    T &append(T value)
    {
        if (m_size == qsizetype(m_blocks.size()) * BlockSize)
            m_blocks.push_back(std::make_unique<T[]>(std::size_t(BlockSize)));
        ++m_size;
        T &slot = (*this)[m_size - 1];
        slot = std::move(value);
        return slot;
    }

    // Drops the elements from `size` on; the blocks that fall empty are freed.
    void truncate(qsizetype size)
    {
        BILLING_ASSERT(size >= 0 && size <= m_size);
        for (qsizetype at = size; at < m_size; ++at)
            (*this)[at] = T();
        m_size = size;
        m_blocks.resize(std::size_t((size + BlockSize - 1) / BlockSize));
    }

    void clear()
    {
        m_blocks.clear();
        m_size = 0;
    }

private:
    void append(const ChunkedList &other)
    {
        for (const T &value : other)
            append(value);
    }

    std::vector<std::unique_ptr<T[]>> m_blocks;
    qsizetype m_size = 0;
};

} // namespace billing
