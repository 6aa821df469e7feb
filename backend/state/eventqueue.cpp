#include "state/eventqueue.h"

namespace cityops {

size_t EventQueue::push(std::vector<Event> &&events, Overflow overflow)
{
    size_t accepted = 0;
    std::unique_lock lock(m_mutex);
    for (Event &event : events) {
        if (m_events.size() >= m_capacity) {
            if (overflow == Overflow::DropNewest) {
                m_dropped += events.size() - accepted;
                break;
            }
            m_notEmpty.notify_one();
            m_notFull.wait(lock, [this] { return m_events.size() < m_capacity || m_closed; });
            if (m_closed)
                break;
        }
        m_events.push_back(std::move(event));
        ++accepted;
    }
    lock.unlock();
    m_notEmpty.notify_one();
    return accepted;
}

bool EventQueue::popAll(std::vector<Event> &out, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_notEmpty.wait_for(lock, timeout, [this] { return !m_events.empty() || m_closed || m_woken; });
    m_woken = false;
    if (m_events.empty())
        return !m_closed;
    if (out.empty())
        out.swap(m_events);
    else {
        out.insert(out.end(), std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
        m_events.clear();
    }
    lock.unlock();
    m_notFull.notify_all();
    return true;
}

void EventQueue::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_notEmpty.notify_all();
}

void EventQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_notEmpty.notify_all();
    m_notFull.notify_all();
}

} // namespace cityops
